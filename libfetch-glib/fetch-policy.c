/* fetch-policy.c: port blocking (§2.9) and the other "should ... be
 * blocked" checks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "fetch-policy-private.h"
#include "fetch-url-private.h"

/* §2.9 the bad port table (first column), sorted for bsearch. */
static const int bad_ports[] = {
  1,     /* tcpmux */
  7,     /* echo */
  9,     /* discard */
  11,    /* systat */
  13,    /* daytime */
  15,    /* netstat */
  17,    /* qotd */
  19,    /* chargen */
  20,    /* ftp-data */
  21,    /* ftp */
  22,    /* ssh */
  23,    /* telnet */
  25,    /* smtp */
  37,    /* time */
  42,    /* name */
  43,    /* nicname */
  53,    /* domain */
  69,    /* tftp */
  77,    /* — */
  79,    /* finger */
  87,    /* — */
  95,    /* supdup */
  101,   /* hostname */
  102,   /* iso-tsap */
  103,   /* gppitnp */
  104,   /* acr-nema */
  109,   /* pop2 */
  110,   /* pop3 */
  111,   /* sunrpc */
  113,   /* auth */
  115,   /* sftp */
  117,   /* uucp-path */
  119,   /* nntp */
  123,   /* ntp */
  135,   /* epmap */
  137,   /* netbios-ns */
  139,   /* netbios-ssn */
  143,   /* imap */
  161,   /* snmp */
  179,   /* bgp */
  389,   /* ldap */
  427,   /* svrloc */
  465,   /* submissions */
  512,   /* exec */
  513,   /* login */
  514,   /* shell */
  515,   /* printer */
  526,   /* tempo */
  530,   /* courier */
  531,   /* chat */
  532,   /* netnews */
  540,   /* uucp */
  548,   /* afp */
  554,   /* rtsp */
  556,   /* remotefs */
  563,   /* nntps */
  587,   /* submission */
  601,   /* syslog-conn */
  636,   /* ldaps */
  989,   /* ftps-data */
  990,   /* ftps */
  993,   /* imaps */
  995,   /* pop3s */
  1719,  /* h323gatestat */
  1720,  /* h323hostcall */
  1723,  /* pptp */
  2049,  /* nfs */
  3659,  /* apple-sasl */
  4045,  /* npp */
  4190,  /* sieve */
  5060,  /* sip */
  5061,  /* sips */
  6000,  /* x11 */
  6566,  /* sane-port */
  6665,  /* ircu */
  6666,  /* ircu */
  6667,  /* ircu */
  6668,  /* ircu */
  6669,  /* ircu */
  6679,  /* osaut */
  6697,  /* ircs-u */
  10080, /* amanda */
};

static int
compare_ports (const void *a,
               const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/* §2.9 "A port is a bad port if it is listed in the first column of the
 * following table." */
gboolean
fetch_is_bad_port (int port)
{
  return bsearch (&port, bad_ports, G_N_ELEMENTS (bad_ports),
                  sizeof bad_ports[0], compare_ports) != NULL;
}

/* §2.9 should fetching request be blocked due to a bad port */
gboolean
fetch_request_should_block_bad_port (FetchRequest *request)
{
  GUri *url;

  g_return_val_if_fail (FETCH_IS_REQUEST (request), TRUE);

  /* Step 1: let url be request's current URL. */
  url = fetch_request_get_current_url (request);

  /* Step 2: if url's scheme is an HTTP(S) scheme and url's port is a bad
   * port, then return blocked. A null port is the scheme's default (80
   * or 443), neither of which is bad, so the effective port answers the
   * same question. */
  if (fetch_url_is_http_scheme (url) &&
      fetch_is_bad_port (fetch_url_get_effective_port (url)))
    return TRUE;

  /* Step 3: return allowed. */
  return FALSE;
}
