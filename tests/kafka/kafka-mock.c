/* kafka-mock.c: a Kafka cluster for the tests: librdkafka's mock cluster
 * (rdkafka_mock.h), which listens on real TCP ports on 127.0.0.1, so
 * separate galley processes can use it as their brokers.
 *
 *   kafka-mock TOPIC PARTITIONS
 *
 * creates TOPIC with PARTITIONS partitions, prints the bootstrap servers
 * on a line of its own, and serves until SIGTERM or SIGINT. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

int
main (int argc, char **argv)
{
  rd_kafka_conf_t *conf;
  rd_kafka_t *rk;
  rd_kafka_mock_cluster_t *cluster;
  char reason[512];
  sigset_t stop;
  int sig;

  if (argc != 3 || atoi (argv[2]) < 1)
    {
      fprintf (stderr, "usage: kafka-mock TOPIC PARTITIONS\n");
      return 2;
    }
  /* the signals wait for sigwait, in every thread librdkafka starts */
  sigemptyset (&stop);
  sigaddset (&stop, SIGTERM);
  sigaddset (&stop, SIGINT);
  pthread_sigmask (SIG_BLOCK, &stop, NULL);

  conf = rd_kafka_conf_new ();
  rk = rd_kafka_new (RD_KAFKA_PRODUCER, conf, reason, sizeof reason);
  if (rk == NULL)
    {
      fprintf (stderr, "kafka-mock: %s\n", reason);
      return 1;
    }
  cluster = rd_kafka_mock_cluster_new (rk, 1);
  if (cluster == NULL
      || rd_kafka_mock_topic_create (cluster, argv[1], atoi (argv[2]), 1))
    {
      fprintf (stderr, "kafka-mock: cannot start the mock cluster\n");
      return 1;
    }
  printf ("%s\n", rd_kafka_mock_cluster_bootstraps (cluster));
  fflush (stdout);
  sigwait (&stop, &sig);
  rd_kafka_mock_cluster_destroy (cluster);
  rd_kafka_destroy (rk);
  return 0;
}
