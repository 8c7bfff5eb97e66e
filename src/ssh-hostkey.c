/*
 * ssh-hostkey.c: checking the server's host key against known_hosts
 * (OpenSSH's files and format, hashed entries and [host]:port included).
 * An unknown key is shown with its type and SHA256 fingerprint: accept
 * once, accept and save, or refuse. A changed key never connects: tterm
 * shows both fingerprints and where the old one is written, and offers to
 * remove that one line after an explicit yes, then asks again as for an
 * unknown host.
 *
 * libssh 0.10 skips the lines with a marker: it never asks for a host
 * certificate (it takes the *-cert-v01 types out of its list) and cannot
 * check one. So tterm reads them itself: a key marked @revoked never
 * connects, and an unknown key of a host that a @cert-authority line
 * covers is asked about with a word that the certificate is not checked.
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "ssh-int.h"

#define HOSTKEY_FILE_MAX (64 * 1024 * 1024)	/* bytes of a known_hosts */

static void	hostkey_ask_unknown(struct sshc *, const char *);

/* "ED25519 SHA256:..." for a key. */
static char *
hostkey_describe(void *key)
{
	unsigned char	*hash = NULL;
	const char	*type;
	size_t		 hlen, i;
	char		*fp, *out, name[32];

	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) != SSH_OK)
		return (xstrdup(_("(no fingerprint)")));
	fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	/* As ssh-keygen -l names them: ED25519, RSA, ECDSA. */
	type = ssh_key_type_to_char(ssh_key_type(key));
	if (type == NULL)
		type = "?";
	if (strncmp(type, "ssh-", 4) == 0)
		type += 4;
	else if (strncmp(type, "ecdsa", 5) == 0)
		type = "ecdsa";
	for (i = 0; type[i] != '\0' && i < sizeof name - 1; i++)
		name[i] = toupper((unsigned char)type[i]);
	name[i] = '\0';
	xasprintf(&out, "%s %s", name, fp != NULL ? fp : "?");
	ssh_string_free_char(fp);
	ssh_clean_pubkey_hash(&hash);
	return (out);
}

/* A line of known_hosts without its CRs and leading blanks; NULL for an
 * empty line or a comment. */
static char *
hostkey_clean(char *line)
{
	size_t	n = strlen(line);

	while (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	line += strspn(line, " \t");
	if (*line == '\0' || *line == '#')
		return (NULL);
	return (line);
}

/*
 * Find the first line of a known_hosts text (len bytes and a NUL, changed)
 * with a key for host (hashed entries too); return its number and describe
 * its key in *desc, or 0. Lines with a marker are not a host's key.
 */
u_int
hostkey_find_text(char *text, size_t len, const char *host, char **desc)
{
	struct ssh_knownhosts_entry	*e = NULL;
	char				*next = text, *line;
	u_int				 no = 0, found = 0;

	while (found == 0 && file_line(&next, text + len, &line)) {
		no++;
		if ((line = hostkey_clean(line)) == NULL || *line == '@')
			continue;
		if (ssh_known_hosts_parse_line(host, line, &e) == SSH_OK &&
		    e != NULL && e->publickey != NULL) {
			*desc = hostkey_describe(e->publickey);
			found = no;
		}
		ssh_knownhosts_entry_free(e);
		e = NULL;
	}
	return (found);
}

/*
 * The same for the first line with marker ("@revoked", "@cert-authority")
 * whose hosts take host and whose key is key (any key if NULL).
 */
u_int
hostkey_marked_text(char *text, size_t len, const char *host,
    const char *marker, void *key, char **desc)
{
	struct ssh_knownhosts_entry	*e = NULL;
	char				*next = text, *line;
	size_t				 n = strlen(marker);
	u_int				 no = 0, found = 0;

	while (found == 0 && file_line(&next, text + len, &line)) {
		no++;
		if ((line = hostkey_clean(line)) == NULL ||
		    strncmp(line, marker, n) != 0 ||
		    (line[n] != ' ' && line[n] != '\t'))
			continue;
		line += n + strspn(line + n, " \t");
		if (ssh_known_hosts_parse_line(host, line, &e) == SSH_OK &&
		    e != NULL && e->publickey != NULL && (key == NULL ||
		    ssh_key_cmp(e->publickey, key, SSH_KEY_CMP_PUBLIC) == 0)) {
			*desc = hostkey_describe(e->publickey);
			found = no;
		}
		ssh_knownhosts_entry_free(e);
		e = NULL;
	}
	return (found);
}

/* The same in a file: a marked line if marker is not NULL. */
static u_int
hostkey_find(const char *file, const char *host, const char *marker,
    ssh_key key, char **desc)
{
	char	*text, *cause = NULL;
	size_t	 len;
	u_int	 found;

	if ((text = file_read(file, HOSTKEY_FILE_MAX, &len, &cause)) == NULL) {
		free(cause);
		return (0);
	}
	if (marker != NULL)
		found = hostkey_marked_text(text, len, host, marker, key, desc);
	else
		found = hostkey_find_text(text, len, host, desc);
	free(text);
	return (found);
}

/* The host as known_hosts names it: "name", or "[name]:port" (libssh's
 * way: in lower case). */
static char *
hostkey_host(struct sshc *c)
{
	char	*host, *p;

	if (c->port == 22)
		host = xstrdup(c->host);
	else
		xasprintf(&host, "[%s]:%u", c->host, c->port);
	for (p = host; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	return (host);
}

/* A file libssh reads (option), or dflt if it says none. */
static char *
hostkey_option(struct sshc *c, enum ssh_options_e option, const char *dflt)
{
	char	*s = NULL, *file;

	if (ssh_options_get(c->s, option, &s) != SSH_OK)
		return (dflt != NULL ? xstrdup(dflt) : NULL);
	file = xstrdup(s);
	ssh_string_free_char(s);
	return (file);
}

/*
 * The first marked line for c's host in the files libssh reads (the
 * user's, then the global one: /etc/ssh/ssh_known_hosts or a profile's):
 * its number, its file in *file and its key described in *desc; or 0.
 */
static u_int
hostkey_find_marked(struct sshc *c, const char *marker, ssh_key key,
    char **file, char **desc)
{
	char	*files[2], *host;
	u_int	 i, no = 0;

	files[0] = hostkey_option(c, SSH_OPTIONS_KNOWNHOSTS, c->known_hosts);
	files[1] = hostkey_option(c, SSH_OPTIONS_GLOBAL_KNOWNHOSTS,
	    "/etc/ssh/ssh_known_hosts");
	host = hostkey_host(c);
	for (i = 0; i < 2; i++) {
		if (no == 0 && files[i] != NULL &&
		    (no = hostkey_find(files[i], host, marker, key, desc)) != 0)
			*file = xstrdup(files[i]);
		free(files[i]);
	}
	free(host);
	return (no);
}

/* Rewrite file without line no (1-based). */
static int
hostkey_remove(const char *file, u_int no, char **cause)
{
	FILE	*in = NULL, *out = NULL;
	char	*tmp = NULL, *line = NULL;
	size_t	 size = 0;
	u_int	 n = 0;
	int	 fd = -1, ret = -1;

	xasprintf(&tmp, "%s.tterm.XXXXXX", file);
	if ((in = fopen(file, "r")) == NULL ||
	    (fd = mkstemp(tmp)) == -1 || (out = fdopen(fd, "w")) == NULL) {
		xasprintf(cause, "%s: %s", file, strerror(errno));
		goto out;
	}
	fd = -1;
	fchmod(fileno(out), 0600);
	while (getline(&line, &size, in) != -1) {
		if (++n != no)
			fputs(line, out);
	}
	if (fflush(out) != 0 || fsync(fileno(out)) != 0 ||
	    rename(tmp, file) != 0) {
		xasprintf(cause, "%s: %s", file, strerror(errno));
		unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	if (fd != -1) {
		close(fd);
		unlink(tmp);
	}
	if (out != NULL)
		fclose(out);
	if (in != NULL)
		fclose(in);
	free(line);
	free(tmp);
	return (ret);
}

static void
hostkey_save(struct sshc *c)
{
	char	*dir, *slash;

	if (c->known_hosts != NULL) {
		dir = xstrdup(c->known_hosts);
		if ((slash = strrchr(dir, '/')) != NULL) {
			*slash = '\0';
			mkdir(dir, 0700);
		}
		free(dir);
	}
	if (ssh_session_update_known_hosts(c->s) != SSH_OK) {
		sshc_say(c, _("Could not save the host key in %s: %s\n"),
		    c->known_hosts, ssh_get_error(c->s));
		return;
	}
	if (c->known_hosts != NULL)
		chmod(c->known_hosts, 0600);
	sshc_say(c, _("Saved the host key of %s in %s.\n"), c->host,
	    c->known_hosts);
}

/* The key is known or accepted: the login is next (sshconn.c steps it). */
static void
hostkey_ok(struct sshc *c)
{
	sshc_set_phase(c, SP_AUTH, c->server_timeout);
	sshc_kick(c);
}

static void
hostkey_unknown_done(void *arg, int answer, char **ans)
{
	struct sshc	*c = arg;

	c->waiting = 0;
	switch (answer) {
	case 'a':
		sshc_say(c, _("Accepted the host key of %s for this session.\n"),
		    c->host);
		hostkey_ok(c);
		break;
	case 's':
		hostkey_save(c);
		hostkey_ok(c);
		break;
	default:
		sshc_say(c, _("\n*** Host key of %s refused: not connecting.\n"),
		    c->host);
		sshc_fail(c, _("host key refused"));
		break;
	}
}

/*
 * A @cert-authority line for c's host: libssh 0.10 cannot check a host
 * certificate, so the plain key is what the user checks. Words for the
 * question, or for --diagnose's report (diag); "" if there is no such
 * line.
 */
static char *
hostkey_ca_note(struct sshc *c, int diag)
{
	char	*file = NULL, *ca = NULL, *note;
	u_int	 no;

	if ((no = hostkey_find_marked(c, "@cert-authority", NULL, &file,
	    &ca)) == 0)
		return (xstrdup(""));
	if (diag)
		xasprintf(&note, _("    - known_hosts names a certificate"
		    " authority for this host, in line %u\n      of %s:\n"
		    "      @cert-authority %s\n      but libssh 0.10 cannot"
		    " check host certificates: check the key itself.\n"), no,
		    file, ca);
	else
		xasprintf(&note, _("Your known_hosts names a certificate"
		    " authority for this host:\n"
		    "  @cert-authority %s\n  (line %u of %s)\n"
		    "but this version of libssh cannot check host"
		    " certificates,\n"
		    "so the server's own key is shown instead.\n\n"), ca, no,
		    file);
	free(file);
	free(ca);
	return (note);
}

static void
hostkey_ask_unknown(struct sshc *c, const char *desc)
{
	char	*text, *title, *ca;

	ca = hostkey_ca_note(c, 0);
	xasprintf(&text, _("The authenticity of %s (%s) port %u can't be"
	    " established.\n"
	    "Its host key is not in your known_hosts.\n\n"
	    "%s"
	    "  %s\n\n"
	    "Check the fingerprint with the server's administrator.\n\n"
	    "  a  accept it this time\n"
	    "  s  accept it and save it in %s\n"
	    "  r  refuse (Esc)"), c->host, c->ip, c->port, ca, desc,
	    c->known_hosts != NULL ? c->known_hosts : "known_hosts");
	xasprintf(&title, _("%sUnknown host key"), c->label);
	c->waiting = 1;
	transport_ask(c->tab, question_choice(title, text, "asrAS",
	    hostkey_unknown_done, c));
	free(title);
	free(text);
	free(ca);
}

/*
 * --diagnose asks nothing: an unknown key is reported and the check goes
 * on to the ways in, which only tells the server the user's name.
 */
static void
hostkey_diag_unknown(struct sshc *c, const char *desc)
{
	char	*ca = hostkey_ca_note(c, 1);

	sshc_say(c, _("Host key %s is not in %s yet.\n"
	    "    - The first login asks you to accept it: compare it with"
	    " what the\n      server's administrator reads from"
	    " ssh-keygen -lf on the server.\n%s"), desc,
	    c->known_hosts != NULL ? c->known_hosts : "known_hosts", ca);
	free(ca);
	c->hk_unknown = 1;
	hostkey_ok(c);
}

/*
 * A key that a @revoked line marks never connects, whatever else the
 * files say of it: 1 if it is one (the connection has failed).
 */
static int
hostkey_revoked(struct sshc *c, const char *desc)
{
	char	*file = NULL, *key = NULL;
	u_int	 no;

	if ((no = hostkey_find_marked(c, "@revoked", c->hostkey, &file,
	    &key)) == 0)
		return (0);
	sshc_say(c, _("\n*** The host key of %s is REVOKED: not connecting.\n"
	    "    offered: %s\n"
	    "    Line %u of %s marks this key @revoked:\n"
	    "    it is never to be accepted again.\n"
	    "    - Ask the server's administrator: the server should offer"
	    " its new key.\n"), c->host, desc, no, file);
	sshc_fail(c, _("host key revoked"));
	free(file);
	free(key);
	return (1);
}

static void
hostkey_fix_done(void *arg, int answer, char **ans)
{
	struct sshc	*c = arg;
	char		*cause = NULL, *desc;

	c->waiting = 0;
	if (answer != 'y') {
		sshc_say(c, _("The old entry was kept. Not connecting.\n"));
		sshc_fail(c, _("host key changed"));
		return;
	}
	if (hostkey_remove(c->hk_file, c->hk_line, &cause) != 0) {
		sshc_say(c, _("Could not remove it: %s\n"), cause);
		free(cause);
		sshc_fail(c, _("host key changed"));
		return;
	}
	sshc_say(c, _("Removed line %u of %s.\n"), c->hk_line, c->hk_file);
	desc = hostkey_describe(c->hostkey);
	hostkey_ask_unknown(c, desc);
	free(desc);
}

/* The key differs from the one on file: refuse, show, offer a fix. */
static void
hostkey_changed(struct sshc *c, const char *desc)
{
	char		*old = NULL, *text, *host, *title;
	const char	*files[2];
	u_int		 i;

	files[0] = c->known_hosts;
	files[1] = "/etc/ssh/ssh_known_hosts";
	host = hostkey_host(c);
	for (i = 0; i < 2; i++) {
		if (files[i] == NULL)
			continue;
		if ((c->hk_line = hostkey_find(files[i], host, NULL, NULL,
		    &old)) != 0) {
			free(c->hk_file);
			c->hk_file = xstrdup(files[i]);
			break;
		}
	}
	/* Named as known_hosts names it: [host]:port off port 22. */
	sshc_say(c, _("\n*** WARNING: THE HOST KEY OF %s HAS CHANGED ***\n"
	    "    Someone may be intercepting the connection, or the server"
	    " was\n    reinstalled or given a new key. Not connecting.\n"
	    "    known:   %s\n    offered: %s\n"), host,
	    old != NULL ? old : _("(another key type)"), desc);
	if (c->hk_file == NULL) {
		sshc_say(c, _("    (the old entry could not be located)\n"));
		sshc_fail(c, _("host key changed"));
		free(old);
		free(host);
		return;
	}
	sshc_say(c, _("    The old key is line %u of %s.\n"), c->hk_line,
	    c->hk_file);
	if (c->diagnose) {	/* no offer to fix it: only a report */
		sshc_fail(c, _("host key changed"));
		free(old);
		free(host);
		return;
	}
	xasprintf(&text, _("The host key of %s has CHANGED.\n\n"
	    "  known:   %s\n  offered: %s\n\n"
	    "Only if you know why (ask the server's administrator):\n"
	    "remove line %u of %s and check the new key?\n\n"
	    "  y  remove that line, then show the new key\n"
	    "  n  keep it and do not connect (Esc)"), host,
	    old != NULL ? old : _("(another key type)"), desc, c->hk_line,
	    c->hk_file);
	free(host);
	xasprintf(&title, _("%sHost key changed"), c->label);
	c->waiting = 1;
	transport_ask(c->tab, question_choice(title, text, "yn",
	    hostkey_fix_done, c));
	free(title);
	free(text);
	free(old);
}

/* Check the server's key; continue, ask, or refuse. */
void
hostkey_check(struct sshc *c)
{
	ssh_key	 key = NULL;
	char	*desc;

	if (ssh_get_server_publickey(c->s, &key) != SSH_OK) {
		sshc_fail(c, _("no host key: %s"), ssh_get_error(c->s));
		return;
	}
	c->hostkey = key;
	desc = hostkey_describe(key);
	if (hostkey_revoked(c, desc)) {
		free(desc);
		return;
	}
	switch (ssh_session_is_known_server(c->s)) {
	case SSH_KNOWN_HOSTS_OK:
		log_debug("ssh %s: known host key %s", c->host, desc);
		if (c->diagnose)
			sshc_say(c, _("Host key %s is in known_hosts.\n"), desc);
		hostkey_ok(c);
		break;
	case SSH_KNOWN_HOSTS_UNKNOWN:
	case SSH_KNOWN_HOSTS_NOT_FOUND:
		if (c->diagnose)
			hostkey_diag_unknown(c, desc);
		else
			hostkey_ask_unknown(c, desc);
		break;
	case SSH_KNOWN_HOSTS_CHANGED:
	case SSH_KNOWN_HOSTS_OTHER:
		hostkey_changed(c, desc);
		break;
	default:
		sshc_say(c, _("\n*** Cannot check the host key: %s\n"),
		    ssh_get_error(c->s));
		sshc_fail(c, _("host key check failed"));
		break;
	}
	free(desc);
}

void
hostkey_free(struct sshc *c)
{
	if (c->hostkey != NULL)
		ssh_key_free(c->hostkey);
	c->hostkey = NULL;
	free(c->hk_file);
	c->hk_file = NULL;
	free(c->known_hosts);
	c->known_hosts = NULL;
}
