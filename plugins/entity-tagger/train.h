/* train.h: training a model (model.h) from annotated documents.
 *
 * The trainer takes documents as the rules see them (tagger_visit) with
 * their gold names as byte spans, keeps each candidate region's feature
 * ids and gold labels, and runs the averaged perceptron over them.
 */
#pragma once

#include <stdio.h>

#include "model.h"

G_BEGIN_DECLS

typedef struct {
  guint32 start, end;   /* bytes */
  guint type;           /* index into the trainer's types */
} EtGold;

typedef struct {
  guint max_epochs;     /* at most this many passes; exactly, with no dev document */
  guint patience;       /* stop after this many epochs without a better dev F1 */
  guint32 seed;         /* the order of the documents in each epoch */
  FILE *progress;       /* per-epoch lines, or NULL */
} EtTrainOptions;

typedef struct _EtTrainer EtTrainer;

/* et_trainer_new: a trainer for @types (NULL-terminated, at most
 * ET_MODEL_MAX_TYPES), with WordNet's names as features when @wordnet is
 * not NULL, a word list's spellings when @dict is not NULL and word
 * classes when @clusters is not NULL (they must outlive the trainer and
 * its weights; the model records that it used them, and carries the
 * classes). */
EtTrainer *et_trainer_new (const char *const *types, const EtWordNet *wordnet,
                           const EtDict *dict, const EtClusters *clusters);
void et_trainer_free (EtTrainer *tr);

/* et_trainer_add: one document, for training or (@dev) for choosing the
 * epoch. */
void et_trainer_add (EtTrainer *tr, const Doc *d, const EtGold *gold, guint n_gold,
                     gboolean dev);

/* A copy of a training document, changed to teach what the documents
 * alone do not (`--augment`, tool-train.c): each of its regions is
 * learned from with probability @share, in one epoch (drawn from @rand
 * now) or in every epoch (@epoch 0: drawn anew each epoch, for a copy
 * that would be the same in each), and with @named_only only the regions
 * that hold a gold name (the others are the document's own words again). */
typedef struct {
  guint epoch;          /* 1 for the first, 0 for every one */
  double share;
  gboolean named_only;
  GRand *rand;          /* draws the regions of a one-epoch copy */
} EtCopy;

void et_trainer_add_copy (EtTrainer *tr, const Doc *d, const EtGold *gold, guint n_gold,
                          const EtCopy *copy);

/* et_trainer_run: trains; returns the weights of the epoch with the best
 * dev F1 (the last of max_epochs when there is no dev document). Free with
 * et_weights_free. */
EtWeights *et_trainer_run (EtTrainer *tr, const EtTrainOptions *opts);
void et_weights_free (EtWeights *w);

G_END_DECLS
