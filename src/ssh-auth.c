/*
 * ssh-auth.c: logging in. tterm follows the server's list of methods and
 * its partial successes, so AuthenticationMethods chains such as
 * "publickey,keyboard-interactive" work: after each step it asks the server
 * again what is left. Order: the agent, key files (-i first, then the usual
 * ones), keyboard-interactive, password. Prompts are forms of the tab;
 * answers and passwords are wiped once sent and never logged.
 *
 * A key file K with a certificate beside it (K-cert.pub, OpenSSH's rule)
 * is offered with the certificate first, then alone if the server refuses
 * that; a CertificateFile of the ssh_config is offered with the key it is
 * for, when none is beside it. The agent's certificates are libssh's: it offers every identity
 * the agent lists, certificates too.
 */
#include "config.h"

#include <sys/types.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "ssh-int.h"

#define AUTH_KBD_ROUNDS	20	/* a server asking forever is cut off */
#define AUTH_BLOB_MAX	(64 * 1024)	/* base64 of a key or certificate */
#define AUTH_TRIES	3	/* passwords and kbd-int failures, as ssh */

enum {
	A_NONE, A_NEXT, A_AGENT, A_KEY, A_KBDINT, A_PASSWORD, A_WAIT
};

static void	sshauth_failed(struct sshc *);

void
sshauth_add_identity(struct sshc *c, const char *path, int explicit)
{
	u_int	i;

	for (i = 0; i < c->nids; i++) {
		if (strcmp(c->ids[i], path) == 0)
			return;
	}
	if (c->nids == SSHC_MAX_IDS)
		return;
	c->ids_explicit[c->nids] = explicit;
	c->ids[c->nids++] = xstrdup(path);
}

/*
 * An identity as libssh keeps it: "%d/..." (the ssh folder) or "~/...".
 * libssh's own defaults head its list when the configuration names none:
 * those are not the user's, so a missing one is not worth a word.
 */
void
sshauth_config_identity(struct sshc *c, const char *id)
{
	static const char *defaults[] = { "%d/id_ed25519", "%d/id_ecdsa",
	    "%d/id_rsa", "%d/id_dsa", NULL };
	const char	*home = getenv("HOME");
	char		*path;
	u_int		 i;

	if (home == NULL)
		return;
	for (i = 0; defaults[i] != NULL; i++) {
		if (strcmp(id, defaults[i]) == 0)
			return;	/* sshauth_default_identities() adds it */
	}
	if (strncmp(id, "%d/", 3) == 0)
		xasprintf(&path, "%s/.ssh/%s", home, id + 3);
	else if (strncmp(id, "~/", 2) == 0)
		xasprintf(&path, "%s/%s", home, id + 2);
	else
		path = xstrdup(id);
	sshauth_add_identity(c, path, 1);
	free(path);
}

/*
 * The files the hop's ssh_config names: every IdentityFile, then every
 * CertificateFile (offered with the key it is for). A line whose tokens
 * cannot be expanded is said.
 */
void
sshauth_config_files(struct sshc *c, const struct sshdest *d)
{
	struct sshcfg_tokens	 t;
	struct passwd		*pw = getpwuid(getuid());
	struct buf		 why;
	char			**v;
	u_int			 i, n;

	memset(&t, 0, sizeof t);
	memset(&why, 0, sizeof why);
	t.h = c->host;
	t.n = d->host;
	t.r = c->user;
	t.u = pw != NULL ? pw->pw_name : "";
	t.p = c->port;
	t.d = getenv("HOME") != NULL ? getenv("HOME") :
	    pw != NULL ? pw->pw_dir : "/";
	v = sshcfg_files(d->cfg, "identityfile", &t, &n, &why);
	for (i = 0; i < n; i++) {
		sshauth_add_identity(c, v[i], 1);
		free(v[i]);
	}
	free(v);
	v = sshcfg_files(d->cfg, "certificatefile", &t, &n, &why);
	for (i = 0; i < n; i++) {
		if (c->ncert_files < SSHC_MAX_IDS)
			c->cert_files[c->ncert_files++] = v[i];
		else
			free(v[i]);
	}
	free(v);
	if (why.len > 0)
		sshc_say(c, "ssh_config: %s", why.data);
	buf_free(&why);
}

/* The key files ssh tries when none is given. */
void
sshauth_default_identities(struct sshc *c)
{
	static const char *names[] = { "id_ed25519", "id_ecdsa", "id_rsa" };
	const char	*home = getenv("HOME");
	char		*path;
	u_int		 i;

	if (home == NULL)
		return;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		xasprintf(&path, "%s/.ssh/%s", home, names[i]);
		sshauth_add_identity(c, path, 0);
		free(path);
	}
}

void
sshauth_free(struct sshc *c)
{
	u_int	i;

	if (c->key != NULL)
		ssh_key_free(c->key);
	c->key = NULL;
	if (c->cert_key != NULL)
		ssh_key_free(c->cert_key);
	c->cert_key = NULL;
	free(c->cert_path);
	c->cert_path = NULL;
	c->cert_looked = 0;
	free(c->cert_refused);
	c->cert_refused = NULL;
	for (i = 0; i < c->ncert_files; i++)
		free(c->cert_files[i]);
	c->ncert_files = 0;
	free(c->key_path);
	c->key_path = NULL;
	freezero_str(c->pending);
	c->pending = NULL;
	c->kbd_prompts = 0;
	for (i = 0; i < c->nids; i++)
		free(c->ids[i]);
	c->nids = 0;
}

/* A libssh call is waiting: make sure the peer has not gone (libssh 0.10
 * returns SSH_AUTH_AGAIN forever after a DISCONNECT). */
static int
sshauth_again(struct sshc *c)
{
	if (ssh_is_connected(c->s))
		return (1);
	sshc_say(c, _("\n*** %s closed the connection during authentication:"
	    " %s\n"), c->host, ssh_get_error(c->s));
	sshc_fail(c, _("disconnected during authentication"));
	return (0);
}

static void
sshauth_show_banner(struct sshc *c)
{
	char	*b, *clean;

	if (c->banner_shown)
		return;
	c->banner_shown = 1;
	if ((b = ssh_get_issue_banner(c->s)) == NULL)
		return;
	clean = text_clean(b, 1);
	sshc_say(c, "%s\n", clean);
	free(clean);
	ssh_string_free_char(b);
}

/* The server said yes, partly yes, or no to a method. */
static void
sshauth_result(struct sshc *c, int rc, int method)
{
	c->tried |= method;
	switch (rc) {
	case SSH_AUTH_SUCCESS:
		c->authed = 1;
		return;
	case SSH_AUTH_PARTIAL:
		c->partial++;
		sshc_say(c, _("Partial success: the server wants another"
		    " method.\n"));
		break;
	default:
		break;
	}
	c->astep = A_NEXT;
}

static void
sshauth_password_done(void *arg, int answer, char **ans)
{
	struct sshc	*c = arg;

	c->waiting = 0;
	c->deadline = clock_now() + c->server_timeout;
	if (answer != '\r' || ans == NULL || ans[0] == NULL) {
		sshc_say(c, _("Login cancelled.\n"));
		sshc_fail(c, _("authentication cancelled"));
		return;
	}
	c->pending = xstrdup(ans[0]);
	c->astep = A_PASSWORD;
	sshc_kick(c);
}

/* Why a form comes although a command was to answer, above its text. */
static void
sshauth_note(struct sshc *c, char **text)
{
	char	*s;

	if (c->answer_note == NULL)
		return;
	xasprintf(&s, "%s\n\n%s", c->answer_note, *text);
	free(*text);
	*text = s;
	free(c->answer_note);
	c->answer_note = NULL;
}

static void
sshauth_password(struct sshc *c)
{
	const char	*label[1];
	int		 echo[1] = { 0 };
	char		*title, *text;
	int		 rc;

	if (c->pending == NULL && sshanswer_password(c))
		return;		/* PasswordCommand answers */
	if (c->pending == NULL) {
		xasprintf(&title, _("%sPassword for %s@%s"), c->label, c->user,
		    c->host);
		xasprintf(&text, _("Attempt %u of %u."), c->pw_tries + 1,
		    AUTH_TRIES);
		sshauth_note(c, &text);
		label[0] = _("Password:");
		c->waiting = 1;
		transport_ask(c->tab, question_fields(title, text, 1, label,
		    echo, sshauth_password_done, c));
		free(title);
		free(text);
		return;
	}
	rc = ssh_userauth_password(c->s, NULL, c->pending);
	if (rc == SSH_AUTH_AGAIN) {
		sshauth_again(c);
		return;
	}
	freezero_str(c->pending);
	c->pending = NULL;
	if (rc == SSH_AUTH_DENIED) {
		c->pw_tries++;
		sshc_say(c, _("Permission denied (password).\n"));
	}
	sshauth_result(c, rc, SSH_AUTH_METHOD_PASSWORD);
}

static void
sshauth_kbdint_done(void *arg, int answer, char **ans)
{
	struct sshc	*c = arg;
	u_int		 i;

	c->waiting = 0;
	c->deadline = clock_now() + c->server_timeout;
	if (answer != '\r' || ans == NULL) {
		sshc_say(c, _("Login cancelled (keyboard-interactive).\n"));
		sshc_fail(c, _("authentication cancelled"));
		return;
	}
	/* libssh copies each answer; the form wipes its own. */
	for (i = 0; i < c->kbd_prompts && ans[i] != NULL; i++) {
		if (ssh_userauth_kbdint_setanswer(c->s, i, ans[i]) < 0)
			break;
	}
	c->astep = A_KBDINT;
	sshc_kick(c);
}

/* One keyboard-interactive round: a form with one field per prompt. */
static void
sshauth_kbdint_form(struct sshc *c, int n)
{
	const char	**labels;
	const char	 *name, *instr;
	char		  echo_c, *title, *text;
	int		 *echo, i;

	labels = xcalloc(n, sizeof *labels);
	echo = xcalloc(n, sizeof *echo);
	for (i = 0; i < n; i++) {
		labels[i] = ssh_userauth_kbdint_getprompt(c->s, i, &echo_c);
		if (labels[i] == NULL)
			labels[i] = "";
		echo[i] = echo_c;
	}
	name = ssh_userauth_kbdint_getname(c->s);
	instr = ssh_userauth_kbdint_getinstruction(c->s);
	/* TRANSLATORS: a keyboard-interactive form's title: the jump host
	   label, user@host, then ": " and the server's name for it. */
	xasprintf(&title, _("%sSSH login %s@%s%s%s"), c->label, c->user,
	    c->host, name != NULL && *name != '\0' ? ": " : "",
	    name != NULL ? name : "");
	/* After a code or password was refused, as the password form; the
	 * attempt first, so that the server's words lead to the fields. */
	if (c->pw_tries > 0)
		xasprintf(&text, _("Attempt %u of %u.\n\n%s"), c->pw_tries + 1,
		    AUTH_TRIES, instr != NULL && *instr != '\0' ? instr :
		    _("The server asks:"));
	else
		xasprintf(&text, "%s", instr != NULL && *instr != '\0' ?
		    instr : _("The server asks:"));
	sshauth_note(c, &text);
	c->kbd_prompts = n;
	c->waiting = 1;
	transport_ask(c->tab, question_fields(title, text, n, labels, echo,
	    sshauth_kbdint_done, c));
	free(title);
	free(text);
	free(labels);
	free(echo);
}

/*
 * A password given with the destination (/passwd=, as with Tera Term's
 * /auth=challenge) answers the first round that asks one hidden thing,
 * as TTSSH does; later rounds (a one-time code) are the user's. 1 if
 * it was answered so.
 */
static int
sshauth_kbdint_given(struct sshc *c, int n)
{
	char	echo = 1;

	if (n != 1 || c->pending == NULL ||
	    ssh_userauth_kbdint_getprompt(c->s, 0, &echo) == NULL || echo)
		return (0);
	if (ssh_userauth_kbdint_setanswer(c->s, 0, c->pending) < 0)
		return (0);
	freezero_str(c->pending);
	c->pending = NULL;
	return (1);
}

static void
sshauth_kbdint(struct sshc *c)
{
	int	rc, n;

	if (c->answer_form) {	/* the command failed: the user answers */
		c->answer_form = 0;
		sshauth_kbdint_form(c, ssh_userauth_kbdint_getnprompts(c->s));
		return;
	}
	for (;;) {
		rc = ssh_userauth_kbdint(c->s, NULL, NULL);
		if (rc == SSH_AUTH_AGAIN) {
			sshauth_again(c);
			return;
		}
		if (rc != SSH_AUTH_INFO)
			break;
		if (++c->kbd_rounds > AUTH_KBD_ROUNDS) {
			sshc_say(c, _("\n*** %s keeps asking (more than %d"
			    " rounds): giving up.\n"), c->host,
			    AUTH_KBD_ROUNDS);
			sshc_fail(c, _("too many keyboard-interactive rounds"));
			return;
		}
		if ((n = ssh_userauth_kbdint_getnprompts(c->s)) > 0) {
			if (sshauth_kbdint_given(c, n))
				continue;
			if (sshanswer_kbdint(c, n))
				return;		/* a command answers */
			sshauth_kbdint_form(c, n);
			return;
		}
		/* A round with no prompts is answered at once. */
	}
	if (rc == SSH_AUTH_DENIED) {
		c->pw_tries++;
		sshc_say(c, _("Permission denied (keyboard-interactive).\n"));
	}
	if (rc == SSH_AUTH_DENIED && c->pw_tries < AUTH_TRIES) {
		c->kbd_rounds = 0;
		c->astep = A_NEXT;
		return;
	}
	sshauth_result(c, rc, SSH_AUTH_METHOD_INTERACTIVE);
}

static void
sshauth_passphrase_done(void *arg, int answer, char **ans)
{
	struct sshc	*c = arg;

	c->waiting = 0;
	c->deadline = clock_now() + c->server_timeout;
	if (answer == '\r' && ans != NULL && ans[0] != NULL) {
		/* Key derivation takes a moment (bcrypt): once per key. */
		if (ssh_pki_import_privkey_file(c->key_path, ans[0], NULL,
		    NULL, &c->key) != SSH_OK) {
			sshc_say(c, _("Wrong passphrase for %s.\n"),
			    c->key_path);
			c->key = NULL;
		}
	} else
		sshc_say(c, _("Skipped %s.\n"), c->key_path);
	if (c->key == NULL)
		c->next_id++;
	c->astep = A_KEY;
	sshc_kick(c);
}

/* Load the next key file; 1 when c->key is ready, 0 to come back later. */
static int
sshauth_load_key(struct sshc *c)
{
	const char	*label[1] = { NULL };
	int		 echo[1] = { 0 }, rc;
	char		*title, head[32];
	FILE		*f;
	size_t		 n;

	while (c->next_id < c->nids) {
		free(c->key_path);
		c->key_path = xstrdup(c->ids[c->next_id]);
		if (access(c->key_path, R_OK) != 0) {
			if (c->ids_explicit[c->next_id])
				sshc_say(c, _("Cannot read key %s.\n"),
				    c->key_path);
			c->next_id++;
			continue;
		}
		rc = ssh_pki_import_privkey_file(c->key_path, NULL, NULL,
		    NULL, &c->key);
		if (rc == SSH_OK)
			return (1);
		c->key = NULL;
		if ((f = fopen(c->key_path, "r")) != NULL) {
			n = fread(head, 1, sizeof head - 1, f);
			head[n] = '\0';
			fclose(f);
			if (strncmp(head, "PuTTY-User-Key-File", 19) == 0) {
				sshc_say(c, _("%s is a PuTTY key; convert it"
				    " with:\n  puttygen %s -O private-openssh"
				    " -o %s.openssh\n"), c->key_path,
				    c->key_path, c->key_path);
				c->next_id++;
				continue;
			}
		}
		label[0] = _("Passphrase:");
		xasprintf(&title, _("%sPassphrase for %s"), c->label,
		    c->key_path);
		c->waiting = 1;
		transport_ask(c->tab, question_fields(title,
		    _("This key is encrypted."), 1, label, echo,
		    sshauth_passphrase_done, c));
		free(title);
		return (0);
	}
	return (0);
}

/* The next string of an SSH blob as bytes and length; 0 if cut short. */
static int
sshauth_blob_string(const u_char **p, size_t *len, const u_char **s,
    size_t *slen)
{
	size_t	n;

	if (*len < 4)
		return (0);
	n = (size_t)(*p)[0] << 24 | (size_t)(*p)[1] << 16 |
	    (size_t)(*p)[2] << 8 | (*p)[3];
	if (n > *len - 4)
		return (0);
	*s = *p + 4;
	*slen = n;
	*p += 4 + n;
	*len -= 4 + n;
	return (1);
}

/* Base64 as libssh writes a blob (no spaces); NULL if it is not that. */
static u_char *
sshauth_base64(const char *s, size_t *len)
{
	size_t	 n = strlen(s), pad = 0;
	u_char	*out;
	int	 r;

	if (n == 0 || n % 4 != 0 || n > AUTH_BLOB_MAX ||
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/=") != n)
		return (NULL);
	while (pad < n && s[n - 1 - pad] == '=')
		pad++;
	out = xmalloc(n / 4 * 3 + 1);
	if (pad > 2 || (r = base64_decode(out, s, n)) < 0 ||
	    (size_t)r < pad) {
		free(out);
		return (NULL);
	}
	*len = r - pad;		/* base64_decode() counts the padding */
	return (out);
}

/*
 * Whether a certificate is for a key, both as libssh exports them (the
 * blob in base64). A certificate's blob is its type (the key's and
 * "-cert-v01@openssh.com"), a nonce, then the key's fields as the key's
 * own blob has them after its type; the certificate's fields follow.
 */
int
sshauth_cert_matches(const char *cert_b64, const char *key_b64)
{
	static const char	 suffix[] = "-cert-v01@openssh.com";
	u_char			*cert, *key = NULL;
	const u_char		*cp, *kp, *ctype, *ktype, *nonce;
	size_t			 clen, klen, ctlen, ktlen, nlen;
	int			 ok = 0;

	if ((cert = sshauth_base64(cert_b64, &clen)) == NULL ||
	    (key = sshauth_base64(key_b64, &klen)) == NULL)
		goto out;
	cp = cert;
	kp = key;
	if (!sshauth_blob_string(&cp, &clen, &ctype, &ctlen) ||
	    !sshauth_blob_string(&cp, &clen, &nonce, &nlen) ||
	    !sshauth_blob_string(&kp, &klen, &ktype, &ktlen))
		goto out;
	if (ctlen != ktlen + sizeof suffix - 1 ||
	    memcmp(ctype, ktype, ktlen) != 0 ||
	    memcmp(ctype + ktlen, suffix, sizeof suffix - 1) != 0)
		goto out;
	ok = klen > 0 && klen <= clen && memcmp(cp, kp, klen) == 0;
out:
	free(cert);
	free(key);
	return (ok);
}

/*
 * The certificate at path for the key just loaded, as a copy of the key
 * that carries it, or NULL. One that cannot be read, or is for another
 * key, is said in a line unless quiet (a CertificateFile may be for
 * another of the keys).
 */
static ssh_key
sshauth_try_cert(struct sshc *c, const char *path, int quiet)
{
	ssh_key		 cert = NULL, k = NULL;
	char		*cb64 = NULL, *kb64 = NULL;
	const char	*type = NULL;

	if (ssh_pki_import_cert_file(path, &cert) == SSH_OK)
		type = ssh_key_type_to_char(ssh_key_type(cert));
	if (type == NULL || strstr(type, "-cert-v01@") == NULL) {
		sshc_say(c, _("Cannot read the certificate %s: offering the key"
		    " alone.\n"), path);
		goto out;
	}
	if (ssh_pki_export_pubkey_base64(cert, &cb64) != SSH_OK ||
	    ssh_pki_export_pubkey_base64(c->key, &kb64) != SSH_OK ||
	    !sshauth_cert_matches(cb64, kb64)) {
		if (!quiet)
			sshc_say(c, _("The certificate %s is not for the key %s:"
			    " offering the key alone.\n"), path, c->key_path);
		goto out;
	}
	if ((k = ssh_key_dup(c->key)) == NULL ||
	    ssh_pki_copy_cert_to_privkey(cert, k) != SSH_OK) {
		sshc_say(c, _("Cannot use the certificate %s: offering the key"
		    " alone.\n"), path);
		if (k != NULL)
			ssh_key_free(k);
		k = NULL;
		goto out;
	}
	log_debug("ssh %s: certificate %s", c->host, path);
out:
	if (cert != NULL)
		ssh_key_free(cert);
	ssh_string_free_char(cb64);
	ssh_string_free_char(kb64);
	return (k);
}

/*
 * The certificate for the key just loaded, in c->cert_key: the one beside
 * it (K-cert.pub), else the first CertificateFile that is for it.
 */
static void
sshauth_load_cert(struct sshc *c)
{
	char	*path;
	u_int	 i;

	free(c->cert_path);
	c->cert_path = NULL;
	xasprintf(&path, "%s-cert.pub", c->key_path);
	if (access(path, F_OK) == 0 &&
	    (c->cert_key = sshauth_try_cert(c, path, 0)) != NULL) {
		c->cert_path = path;
		return;
	}
	free(path);
	for (i = 0; i < c->ncert_files; i++) {
		if (access(c->cert_files[i], F_OK) != 0)
			continue;
		c->cert_key = sshauth_try_cert(c, c->cert_files[i], 1);
		if (c->cert_key != NULL) {
			c->cert_path = xstrdup(c->cert_files[i]);
			return;
		}
	}
}

/* The certificate was refused: remember the first for the checklist. */
static void
sshauth_cert_refused(struct sshc *c)
{
	log_debug("ssh %s: certificate of %s refused: %s", c->host,
	    c->key_path, ssh_get_error(c->s));
	if (c->cert_refused == NULL && c->cert_path != NULL)
		c->cert_refused = xstrdup(c->cert_path);
}

/* Offer the next key file: with its certificate first, then alone. */
static void
sshauth_key(struct sshc *c)
{
	ssh_key	k;
	int	rc;

	for (;;) {
		if (c->key == NULL && !sshauth_load_key(c)) {
			if (!c->waiting)
				c->astep = A_NEXT;	/* no more keys */
			return;
		}
		if (!c->cert_looked) {
			c->cert_looked = 1;
			sshauth_load_cert(c);
		}
		k = c->cert_key != NULL ? c->cert_key : c->key;
		rc = ssh_userauth_publickey(c->s, NULL, k);
		if (rc == SSH_AUTH_AGAIN) {
			sshauth_again(c);
			return;
		}
		if (k == c->cert_key) {
			ssh_key_free(c->cert_key);
			c->cert_key = NULL;
			if (rc == SSH_AUTH_DENIED) {
				c->tried |= SSH_AUTH_METHOD_PUBLICKEY;
				sshauth_cert_refused(c);
				continue;	/* the key alone */
			}
		}
		break;
	}
	ssh_key_free(c->key);
	c->key = NULL;
	c->cert_looked = 0;
	free(c->cert_path);
	c->cert_path = NULL;
	c->next_id++;
	log_debug("ssh %s: key %s: %d", c->host, c->key_path, rc);
	sshauth_result(c, rc, SSH_AUTH_METHOD_PUBLICKEY);
}

static void
sshauth_agent(struct sshc *c)
{
	int	rc;

	rc = ssh_userauth_agent(c->s, NULL);
	if (rc == SSH_AUTH_AGAIN) {
		sshauth_again(c);
		return;
	}
	c->agent_done = 1;
	sshauth_result(c, rc, SSH_AUTH_METHOD_PUBLICKEY);
}

/* Pick the next method the server accepts and tterm has not used up. */
static void
sshauth_next(struct sshc *c)
{
	int	 m = ssh_userauth_list(c->s, NULL);
	char	*sock = getenv("SSH_AUTH_SOCK");

	int	agent = (m & SSH_AUTH_METHOD_PUBLICKEY) && !c->agent_done &&
		    sock != NULL && *sock != '\0';

	/* A profile's DefaultAuthMethod (or /auth=) goes first. */
	if (c->prefer == PROF_AUTH_PASSWORD && c->pending != NULL &&
	    (m & SSH_AUTH_METHOD_PASSWORD) && c->pw_tries < AUTH_TRIES)
		c->astep = A_PASSWORD;
	else if (c->prefer == PROF_AUTH_PUBLICKEY &&
	    (m & SSH_AUTH_METHOD_PUBLICKEY) && c->next_id < c->nids)
		c->astep = A_KEY;
	else if (c->prefer == PROF_AUTH_PASSWORD && c->strict &&
	    (m & SSH_AUTH_METHOD_PASSWORD) && c->pw_tries < AUTH_TRIES)
		c->astep = A_PASSWORD;
	else if (agent)
		c->astep = A_AGENT;
	else if ((m & SSH_AUTH_METHOD_PUBLICKEY) && c->next_id < c->nids)
		c->astep = A_KEY;
	else if (c->prefer == PROF_AUTH_PASSWORD &&
	    (m & SSH_AUTH_METHOD_PASSWORD) && c->pw_tries < AUTH_TRIES)
		c->astep = A_PASSWORD;
	else if ((m & SSH_AUTH_METHOD_INTERACTIVE) && c->pw_tries < AUTH_TRIES)
		c->astep = A_KBDINT;
	else if ((m & SSH_AUTH_METHOD_PASSWORD) && c->pw_tries < AUTH_TRIES)
		c->astep = A_PASSWORD;
	else
		sshauth_failed(c);
}

static void	sshauth_diagnosed(struct sshc *, int);

/* Run authentication as far as it goes without the user. */
void
sshauth_step(struct sshc *c)
{
	int	rc, before;

	do {
		before = c->astep;
		/* Once the server said yes, sshconn.c takes over: another
		 * request now would be one after success. */
		if (c->waiting || c->phase != SP_AUTH || c->authed)
			return;
		switch (c->astep) {
		case A_NONE:
			rc = ssh_userauth_none(c->s, NULL);
			if (rc == SSH_AUTH_AGAIN) {
				sshauth_again(c);
				return;
			}
			sshauth_show_banner(c);
			if (c->diagnose && rc != SSH_AUTH_ERROR) {
				sshauth_diagnosed(c, rc);
				return;
			}
			if (rc == SSH_AUTH_SUCCESS) {
				c->authed = 1;
				return;
			}
			if (rc == SSH_AUTH_ERROR) {
				sshc_say(c, _("\n*** Authentication failed:"
				    " %s\n"), ssh_get_error(c->s));
				sshc_fail(c, _("authentication error"));
				return;
			}
			c->astep = A_NEXT;
			break;
		case A_NEXT:
			sshauth_next(c);
			break;
		case A_AGENT:
			sshauth_agent(c);
			break;
		case A_KEY:
			sshauth_key(c);
			break;
		case A_KBDINT:
			sshauth_kbdint(c);
			break;
		case A_PASSWORD:
			sshauth_password(c);
			break;
		}
	} while (c->astep != before && c->phase == SP_AUTH && !c->authed);
}

static void
sshauth_methods(int m, char *buf, size_t len)
{
	size_t	n;

	snprintf(buf, len, "%s%s%s%s%s",
	    (m & SSH_AUTH_METHOD_PUBLICKEY) ? "publickey " : "",
	    (m & SSH_AUTH_METHOD_INTERACTIVE) ? "keyboard-interactive " : "",
	    (m & SSH_AUTH_METHOD_PASSWORD) ? "password " : "",
	    (m & SSH_AUTH_METHOD_GSSAPI_MIC) ? "gssapi-with-mic " : "",
	    (m & SSH_AUTH_METHOD_HOSTBASED) ? "hostbased " : "");
	if ((n = strlen(buf)) > 0)
		buf[n - 1] = '\0';	/* the last space */
	else
		snprintf(buf, len, _("(none)"));
}

/* Whether a key file has a certificate beside it. */
static int
sshauth_has_cert(const char *path)
{
	char	*cert;
	int	 yes;

	xasprintf(&cert, "%s-cert.pub", path);
	yes = access(cert, F_OK) == 0;
	free(cert);
	return (yes);
}

/*
 * --diagnose stops before the first real try: what the server offers this
 * user, and what tterm has for those ways. Nothing secret is sent.
 */
static void
sshauth_diagnosed(struct sshc *c, int rc)
{
	char		 offers[128];
	const char	*agent = getenv("SSH_AUTH_SOCK");
	int		 m, usable, keys = 0;
	u_int		 i;

	c->diagnosed = 1;
	if (rc == SSH_AUTH_SUCCESS) {
		sshc_say(c, _("The server lets %s in without authentication.\n"),
		    c->user);
		sshc_fail(c, _("checked"));
		return;
	}
	m = ssh_userauth_list(c->s, NULL);
	sshauth_methods(m, offers, sizeof offers);
	sshc_say(c, _("The server offers %s: %s\n"), c->user, offers);
	if (m & SSH_AUTH_METHOD_PUBLICKEY) {
		for (i = 0; i < c->nids; i++) {
			if (access(c->ids[i], R_OK) != 0)
				continue;
			sshc_say(c, _("    key tterm would offer: %s%s\n"),
			    c->ids[i], sshauth_has_cert(c->ids[i]) ?
			    _(" (its certificate -cert.pub first)") : "");
			keys++;
		}
		for (i = 0; i < c->ncert_files; i++) {
			if (access(c->cert_files[i], R_OK) == 0)
				sshc_say(c, _("    with its key, the"
				    " CertificateFile %s\n"), c->cert_files[i]);
		}
		if (agent != NULL && *agent != '\0')
			sshc_say(c, _("    and the agent's keys (%s)\n"), agent);
		else if (keys == 0)
			sshc_say(c, _("    - No key here and no agent: make one"
			    " (ssh-keygen -t ed25519) and\n      put its .pub"
			    " in ~/.ssh/authorized_keys on the server.\n"));
	}
	if (m & SSH_AUTH_METHOD_INTERACTIVE)
		sshc_say(c, _("    keyboard-interactive: tterm shows the"
		    " server's prompts (password, one-time code) as a form\n"));
	usable = m & (SSH_AUTH_METHOD_PUBLICKEY | SSH_AUTH_METHOD_INTERACTIVE |
	    SSH_AUTH_METHOD_PASSWORD);
	if (!usable) {
		sshc_say(c, _("\n*** tterm can log in by none of these ways\n"
		    "    - Ask the administrator for publickey, password or"
		    " keyboard-interactive\n      for this user.\n"));
		c->diagnosed = 0;
		sshc_fail(c, _("no way in that tterm has"));
		return;
	}
	sshc_fail(c, _("checked"));
}

/*
 * Nothing left to try: say what the server accepts, what was tried, and
 * what to check for the ways that were tried.
 */
static void
sshauth_failed(struct sshc *c)
{
	char		accepts[128], tried[128];
	struct buf	b = { 0 };

	sshauth_methods(ssh_userauth_list(c->s, NULL), accepts,
	    sizeof accepts);
	sshauth_methods(c->tried, tried, sizeof tried);
	if (c->tried == 0)
		snprintf(tried, sizeof tried, _("nothing: no key file could be"
		    " read, no agent key, and the server\n"
		    "                        takes no password here"));
	buf_printf(&b, _("    - Is the user name right? (-l user, or"
	    " user@host)\n"));
	if (c->tried & (SSH_AUTH_METHOD_PASSWORD |
	    SSH_AUTH_METHOD_INTERACTIVE))
		buf_printf(&b, _("    - Is the password right? (Caps Lock, the"
		    " keyboard layout; servers may\n      lock an account"
		    " after failures)\n"));
	if (c->tried & SSH_AUTH_METHOD_PUBLICKEY)
		buf_printf(&b, _("    - For publickey: is your public key in the"
		    " server's ~/.ssh/authorized_keys,\n      and is the key"
		    " file here readable (-i keyfile)?\n"));
	if (c->cert_refused != NULL)
		buf_printf(&b, _("    - The server refused the certificate\n"
		    "      %s:\n      has it expired (ssh-keygen -Lf shows"
		    " its dates), is %s one of its\n      principals, does"
		    " the server trust its CA (TrustedUserCAKeys)? The\n"
		    "      server's log says which.\n"), c->cert_refused,
		    c->user);
	if (c->tried & SSH_AUTH_METHOD_INTERACTIVE)
		buf_printf(&b, _("    - A one-time code is only valid once and"
		    " for a short time.\n"));
	sshc_say(c, _("\n*** Authentication to %s@%s failed\n"
	    "    The server accepts: %s\n"
	    "    tterm tried:        %s%s\n%s"), c->user, c->host, accepts,
	    tried, c->partial > 0 ?
	    _("(partial success first)") : "", b.data);
	buf_free(&b);
	sshc_fail(c, _("authentication failed"));
}
