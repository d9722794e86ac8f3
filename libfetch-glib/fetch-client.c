/* fetch-client.c: placeholder, being written */
#include "config.h"
