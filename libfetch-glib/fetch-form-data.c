/* fetch-form-data.c: placeholder, being written */
#include "config.h"
