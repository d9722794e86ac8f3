/* fetch-mime.c: placeholder, being written */
#include "config.h"
