/* fetch-body-stream.c: placeholder, being written */
#include "config.h"
