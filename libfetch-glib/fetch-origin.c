/* fetch-origin.c: placeholder, being written */
#include "config.h"
