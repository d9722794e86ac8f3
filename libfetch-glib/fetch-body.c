/* fetch-body.c: placeholder, being written */
#include "config.h"
