/* fetch-headers.c: placeholder, being written */
#include "config.h"
