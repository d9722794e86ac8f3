/* fetch-response.c: placeholder, being written */
#include "config.h"
