/* fetch-url.c: placeholder, being written */
#include "config.h"
