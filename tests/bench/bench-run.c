/* bench-run.c: runs a command and prints how long it took, its throughput
 * over a given number of input bytes, and its peak resident memory.
 *
 * Usage: bench-run [-n DOCS] LABEL INPUT_BYTES COMMAND [ARG...]
 * Output: LABEL  12.34 MB/s  567 docs  1090 docs/s  0.52 s  peak RSS 12.3 MB
 * (docs: lines the command printed on stdout, which it must write to a
 * pipe or file; pass a pipeline that writes JSON Lines to stdout. A
 * command that writes elsewhere, such as a database, is given the number
 * of documents with -n.) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

int
main (int argc, char **argv)
{
  int fds[2];
  pid_t pid;
  gint64 start, end;
  guint64 bytes, lines = 0;
  struct rusage ru;
  int status;
  char buf[65536];
  ssize_t n;
  double secs;
  gint64 docs = -1;

  if (argc > 2 && g_str_equal (argv[1], "-n"))
    {
      docs = g_ascii_strtoll (argv[2], NULL, 10);
      argc -= 2;
      argv += 2;
    }
  if (argc < 4)
    {
      fprintf (stderr, "usage: bench-run [-n DOCS] LABEL INPUT_BYTES COMMAND [ARG...]\n");
      return 2;
    }
  bytes = g_ascii_strtoull (argv[2], NULL, 10);
  if (pipe (fds) != 0)
    return 2;
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      dup2 (fds[1], STDOUT_FILENO);
      close (fds[0]);
      close (fds[1]);
      execvp (argv[3], argv + 3);
      perror (argv[3]);
      _exit (127);
    }
  close (fds[1]);
  while ((n = read (fds[0], buf, sizeof buf)) > 0)
    for (ssize_t i = 0; i < n; i++)
      lines += buf[i] == '\n';
  waitpid (pid, &status, 0);
  end = g_get_monotonic_time ();
  getrusage (RUSAGE_CHILDREN, &ru);
  secs = (end - start) / 1e6;
  if (docs >= 0)
    lines = docs;
  printf ("%-44s %8.1f MB/s %8" G_GUINT64_FORMAT " docs %8.0f docs/s %7.2f s  peak RSS %6.1f MB%s\n",
          argv[1], bytes / 1e6 / secs, lines, lines / secs, secs, ru.ru_maxrss / 1024.0,
          WIFEXITED (status) && WEXITSTATUS (status) == 0 ? "" : "  (FAILED)");
  return WIFEXITED (status) ? WEXITSTATUS (status) : 1;
}
