/* bench-run.c: runs a command one or more times and prints how long it
 * took, its throughput over a given number of input bytes, the CPU time
 * it used and its peak resident memory.
 *
 * Usage: bench-run [-n DOCS] [-r RUNS] [-f FILE]... LABEL INPUT_BYTES COMMAND [ARG...]
 * Output, one line:
 *   LABEL  45.1 MB/s (41.0-47.3)  10569 docs  41800 docs/s  0.25 s  cpu 0.24 s  peak RSS 17.3 MB
 * (docs: lines the command printed on stdout, which it must write to a
 * pipe or file; pass a pipeline that writes JSON Lines to stdout. A
 * command that writes elsewhere, such as a database, is given the number
 * of documents with -n.)
 *
 * -r RUNS runs the command RUNS times in a row and reports the median
 * wall clock (the MB/s, docs/s and seconds shown) with the range of MB/s
 * over the runs in brackets, the median CPU time (user + system) of the
 * command, and the largest peak RSS. The machines Galley is measured on
 * are shared and noisy: a single run moved by up to a fifth from one
 * `make bench` to the next, the median of five by a few percent.
 * -f FILE (repeatable) removes FILE, FILE-wal and FILE-shm before each
 * run, so that a run into a database starts from no database every time.
 *
 * The lines of the output are counted with memchr(): the loop that read
 * them a byte at a time took about 50 ms of CPU for 52 MB, on a core the
 * command's second job needed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#define MAX_RUNS 99

typedef struct
{
  double wall;    /* seconds */
  double cpu;     /* seconds of user and system time */
  long maxrss_kb;
  guint64 lines;
  int status;
} RunResult;

static void
remove_files (GPtrArray *files)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < files->len; i++)
    for (gsize s = 0; s < G_N_ELEMENTS (suffixes); s++)
      {
        g_autofree char *path = g_strconcat (files->pdata[i], suffixes[s], NULL);
        unlink (path);
      }
}

/* Runs argv once with its standard output on a pipe that is read to its
 * end; returns FALSE if the pipe or the fork failed. */
static gboolean
run_once (char **argv, RunResult *result)
{
  int fds[2];
  pid_t pid;
  gint64 start;
  struct rusage ru;
  char buf[65536];
  ssize_t n;

  memset (result, 0, sizeof *result);
  if (pipe (fds) != 0)
    return FALSE;
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid < 0)
    return FALSE;
  if (pid == 0)
    {
      dup2 (fds[1], STDOUT_FILENO);
      close (fds[0]);
      close (fds[1]);
      execvp (argv[0], argv);
      perror (argv[0]);
      _exit (127);
    }
  close (fds[1]);
  while ((n = read (fds[0], buf, sizeof buf)) > 0)
    for (const char *p = buf, *end = buf + n; (p = memchr (p, '\n', end - p)) != NULL; p++)
      result->lines++;
  close (fds[0]);
  wait4 (pid, &result->status, 0, &ru);
  result->wall = (g_get_monotonic_time () - start) / 1e6;
  result->cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6
                + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  result->maxrss_kb = ru.ru_maxrss;
  return TRUE;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of n values (the mean of the middle two when n is even);
 * sorts values. */
static double
median (double *values, int n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static int
usage (void)
{
  fprintf (stderr, "usage: bench-run [-n DOCS] [-r RUNS] [-f FILE]... LABEL INPUT_BYTES COMMAND [ARG...]\n");
  return 2;
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) fresh_files = g_ptr_array_new ();
  RunResult results[MAX_RUNS];
  double walls[MAX_RUNS], cpus[MAX_RUNS];
  gint64 docs = -1;
  int runs = 1, failed = 0, i;
  long maxrss_kb = 0;
  guint64 bytes, lines;
  double wall, cpu;

  for (i = 1; i + 1 < argc && argv[i][0] == '-'; i += 2)
    {
      if (g_str_equal (argv[i], "-n"))
        docs = g_ascii_strtoll (argv[i + 1], NULL, 10);
      else if (g_str_equal (argv[i], "-r"))
        runs = (int) g_ascii_strtoll (argv[i + 1], NULL, 10);
      else if (g_str_equal (argv[i], "-f"))
        g_ptr_array_add (fresh_files, argv[i + 1]);
      else
        return usage ();
    }
  argc -= i - 1;
  argv += i - 1;
  if (argc < 4 || runs < 1 || runs > MAX_RUNS)
    return usage ();
  bytes = g_ascii_strtoull (argv[2], NULL, 10);

  for (i = 0; i < runs; i++)
    {
      remove_files (fresh_files);
      if (!run_once (argv + 3, &results[i]))
        {
          perror ("bench-run");
          return 2;
        }
      walls[i] = results[i].wall;
      cpus[i] = results[i].cpu;
      maxrss_kb = MAX (maxrss_kb, results[i].maxrss_kb);
      if (!WIFEXITED (results[i].status) || WEXITSTATUS (results[i].status) != 0)
        failed = results[i].status ? results[i].status : 1;
    }
  remove_files (fresh_files);

  lines = docs >= 0 ? (guint64) docs : results[0].lines;
  wall = median (walls, runs);
  cpu = median (cpus, runs);
  printf ("%-44s %8.1f MB/s", argv[1], bytes / 1e6 / wall);
  if (runs > 1)
    printf (" (%.1f-%.1f)", bytes / 1e6 / walls[runs - 1], bytes / 1e6 / walls[0]);
  printf (" %8" G_GUINT64_FORMAT " docs %8.0f docs/s %7.2f s  cpu %5.2f s  peak RSS %6.1f MB%s\n",
          lines, lines / wall, wall, cpu, maxrss_kb / 1024.0, failed ? "  (FAILED)" : "");
  if (!failed)
    return 0;
  return WIFEXITED (failed) ? WEXITSTATUS (failed) : 1;
}
