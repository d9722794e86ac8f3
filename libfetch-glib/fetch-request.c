/* fetch-request.c: placeholder, being written */
#include "config.h"
