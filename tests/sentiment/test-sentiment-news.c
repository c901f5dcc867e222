#include "config.h"
#include "sentiment-test.h"
int main (void) { return 0; }
