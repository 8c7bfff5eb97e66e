/*
 * test-ssh.c: the text tterm shows when an SSH connection fails (the
 * diagnosis for each kind of network error) and the sanitiser that strips
 * control characters from everything a server sends for display, the
 * parsing of jump hosts as -J writes them, and telling whether a
 * certificate is for a key.
 */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ssh-int.h"
#include "unit.h"

struct fake {
	struct sshc		c;
};

static struct sshc *
fake_new(struct fake *f)
{
	memset(f, 0, sizeof *f);
	f->c.fd = -1;
	f->c.name = xstrdup("db1.example");
	f->c.host = xstrdup("db1.example");
	f->c.user = xstrdup("taro");
	f->c.port = 2222;
	f->c.connect_timeout = 10;
	snprintf(f->c.ip, sizeof f->c.ip, "192.0.2.7");
	return (&f->c);
}

/* The tab's text so far, without the CRs. */
static char *
fake_text(struct sshc *c)
{
	char	*s = xmalloc(c->outlen + 1), *p = s;
	size_t	 i;

	for (i = 0; i < c->outlen; i++) {
		if (c->out[i] != '\r')
			*p++ = c->out[i];
	}
	*p = '\0';
	return (s);
}

static void
fake_free(struct fake *f)
{
	free(f->c.host);
	free(f->c.name);
	free(f->c.user);
	free(f->c.out);
	free(f->c.cause);
}

static int
said(struct sshc *c, const char *what)
{
	char	*s = fake_text(c);
	int	 found = strstr(s, what) != NULL;

	if (!found)
		fprintf(stderr, "no \"%s\" in:\n%s\n", what, s);
	free(s);
	return (found);
}

static void
test_diag_refused(void)
{
	struct fake	 f;
	struct sshc	*c = fake_new(&f);

	c->last_errno = ECONNREFUSED;
	sshdiag_connect(c);
	CHECK(said(c, "Connection refused by db1.example (192.0.2.7) on port"
	    " 2222"));
	CHECK(said(c, "Is sshd running there?"));
	CHECK(said(c, "REJECT"));
	CHECK(c->phase == SP_CLOSED);
	CHECK(f.c.cause != NULL &&
	    strcmp(f.c.cause, "connection refused (port 2222)") == 0);
	fake_free(&f);
}

static void
test_diag_timeout(void)
{
	struct fake	 f;
	struct sshc	*c = fake_new(&f);

	c->last_errno = ETIMEDOUT;
	sshdiag_connect(c);
	CHECK(said(c, "No answer from db1.example (192.0.2.7) port 2222 after"
	    " 10 seconds"));
	CHECK(said(c, "security group"));
	CHECK(said(c, "public IP changed"));
	fake_free(&f);
}

static void
test_diag_unreachable(void)
{
	struct fake	 f;
	struct sshc	*c = fake_new(&f);

	c->last_errno = ENETUNREACH;
	sshdiag_connect(c);
	CHECK(said(c, "Network unreachable: db1.example"));
	CHECK(strcmp(f.c.cause, "network unreachable") == 0);
	fake_free(&f);
	c = fake_new(&f);
	c->last_errno = EHOSTUNREACH;
	sshdiag_connect(c);
	CHECK(said(c, "Host unreachable: db1.example"));
	fake_free(&f);
}

static void
test_diag_name(void)
{
	struct fake	 f;
	struct sshc	*c = fake_new(&f);

	sshdiag_resolve(c, EAI_NONAME);
	CHECK(said(c, "Name not found: db1.example"));
	CHECK(said(c, "/etc/hosts"));
	CHECK(strcmp(f.c.cause, "name not found: db1.example") == 0);
	fake_free(&f);
	c = fake_new(&f);
	sshdiag_resolve(c, EAI_AGAIN);
	CHECK(said(c, "Cannot look up db1.example"));
	fake_free(&f);
}

static void
test_diag_silent(void)
{
	struct fake	 f;
	struct sshc	*c = fake_new(&f);

	sshdiag_timeout(c, "key exchange");
	CHECK(said(c, "stopped answering during key exchange"));
	CHECK(strcmp(f.c.cause, "no answer during key exchange") == 0);
	fake_free(&f);
}

static void
test_sanitiser(void)
{
	char	*s;

	/* ESC, BEL, CSI in C1 form (U+009B), DEL: gone; text and UTF-8 stay. */
	s = form_clean("One-time \033]2;x\007code\xc2\x9b" "2J \x7f"
	    "\xe6\x97\xa5\xe6\x9c\xac:");
	CHECK_STR(s, "One-time ]2;xcode2J \xe6\x97\xa5\xe6\x9c\xac:");
	free(s);
	s = form_clean("line one\nline two\r\n");
	CHECK_STR(s, "line one\nline two\n");
	free(s);
	s = form_clean(NULL);
	CHECK_STR(s, "");
	free(s);
}

/* One -J hop: spec parses to user, host, port (NULL, 0 when absent). */
static int
hop_is(const char *spec, const char *user, const char *host, u_int port)
{
	struct sshdest	d;
	int		ok;

	memset(&d, 0, sizeof d);
	ok = route_parse_hop(spec, &d) == 0 && d.port == port &&
	    strcmp(d.host, host) == 0 && (user == NULL ? d.user == NULL :
	    d.user != NULL && strcmp(d.user, user) == 0);
	free(d.user);
	free(d.host);
	return (ok);
}

static int
hop_bad(const char *spec)
{
	struct sshdest	d;
	int		bad;

	memset(&d, 0, sizeof d);
	bad = route_parse_hop(spec, &d) != 0;
	free(d.user);
	free(d.host);
	return (bad);
}

static void
test_jump_hops(void)
{
	CHECK(hop_is("bastion", NULL, "bastion", 0));
	CHECK(hop_is("taro@gw:2222", "taro", "gw", 2222));
	CHECK(hop_is("ssh://taro@gw:22/", "taro", "gw", 22));
	CHECK(hop_is("a@b@gw", "a@b", "gw", 0));
	CHECK(hop_is("[2001:db8::1]:2200", NULL, "2001:db8::1", 2200));
	CHECK(hop_bad("@gw"));
	CHECK(hop_bad("gw:"));
	CHECK(hop_bad("gw:0"));
	CHECK(hop_bad("gw:70000"));
	CHECK(hop_bad("gw:22x"));
	CHECK(hop_bad(""));
	CHECK(hop_bad("[::1"));
}

/* An ed25519 key, a certificate for it and a key of another type, as
 * libssh exports them (ssh-keygen made them). */
static const char cert_b64[] =
    "AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIEyG4h7E"
    "Te15TM+uSfRLuJ0vDFbCpoClPaNNxchjODbXAAAAINeD3/TVOy1RHj9QvZaE"
    "EPN58zMGD4aYgc3r6owxfWn1AAAAAAAAAAAAAAABAAAAAmlkAAAABQAAAAF1"
    "AAAAAGsRzngAAAAAaxHcywAAAAAAAACCAAAAFXBlcm1pdC1YMTEtZm9yd2Fy"
    "ZGluZwAAAAAAAAAXcGVybWl0LWFnZW50LWZvcndhcmRpbmcAAAAAAAAAFnBl"
    "cm1pdC1wb3J0LWZvcndhcmRpbmcAAAAAAAAACnBlcm1pdC1wdHkAAAAAAAAA"
    "DnBlcm1pdC11c2VyLXJjAAAAAAAAAAAAAAAzAAAAC3NzaC1lZDI1NTE5AAAA"
    "IHgQJOO9S0C3yg5rp7jVdlCBceCGMbaeNRodR8Ml271aAAAAUwAAAAtzc2gt"
    "ZWQyNTUxOQAAAEDiTYyAkVMpO3Om7/zyrq+Sy9ObvDLFKT2PEfInR4Np7G0A"
    "jxsgzDg/KAoDpN9HcFv7vtgIFKg9UyG9fjsClHUC";
static const char key_b64[] =
    "AAAAC3NzaC1lZDI1NTE5AAAAINeD3/TVOy1RHj9QvZaEEPN58zMGD4aYgc3r"
    "6owxfWn1";
static const char other_b64[] =
    "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBC4hTyy5"
    "XhZhePeIWLoZXSjKzudGwsegyAjaxdX+Dk434WLdzB1mxsRBxUNcq8x+++Wa"
    "qGzTdM0YqqKlI2eN840=";

/* Whether a certificate is for a key: its type and its key's fields. */
static void
test_cert_matches(void)
{
	char	cut[sizeof cert_b64];

	CHECK(sshauth_cert_matches(cert_b64, key_b64));
	CHECK(!sshauth_cert_matches(cert_b64, other_b64));
	CHECK(!sshauth_cert_matches(key_b64, key_b64));
	CHECK(!sshauth_cert_matches(cert_b64, cert_b64));
	CHECK(!sshauth_cert_matches(key_b64, cert_b64));
	/* Not base64, or cut short. */
	CHECK(!sshauth_cert_matches("", key_b64));
	CHECK(!sshauth_cert_matches(cert_b64, "AAAA C3Nz"));
	memcpy(cut, cert_b64, 64);
	cut[64] = '\0';
	CHECK(!sshauth_cert_matches(cut, key_b64));
}

int
main(void)
{
	RUN(test_diag_refused);
	RUN(test_diag_timeout);
	RUN(test_diag_unreachable);
	RUN(test_diag_name);
	RUN(test_diag_silent);
	RUN(test_sanitiser);
	RUN(test_jump_hops);
	RUN(test_cert_matches);
	UNIT_EXIT();
}
