/*
 * ssh-algo.c: Tera Term's algorithm order strings ([TTSSH] CipherOrder,
 * KexOrder, HostKeyOrder, MacOrder, CompOrder) as libssh's lists.
 *
 * Each character is '0' plus an algorithm id; what follows the '0' is not
 * offered. Ids missing from the string are offered last if Tera Term 5
 * offers them by default (as TTSSH does when it reads an older file).
 * Names libssh cannot do are dropped and reported.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "ssh-int.h"

struct algo_kind {
	const char		*what;
	enum ssh_options_e	 option;
	const char		*names[32];	/* by id */
	const char		*defaults;	/* Tera Term 5's order */
};

static const struct algo_kind algo_kinds[] = {
	[ORD_CIPHER] = { N_("ciphers"), SSH_OPTIONS_CIPHERS_C_S, {
	    NULL, "IDEA", "DES (SSH1)", "3DES (SSH1)", "TSS", "RC4",
	    "Blowfish (SSH1)", "3des-cbc", "aes128-cbc", "aes192-cbc",
	    "aes256-cbc", "blowfish-cbc", "aes128-ctr", "aes192-ctr",
	    "aes256-ctr", "arcfour", "arcfour128", "arcfour256",
	    "cast128-cbc", "3des-ctr", "blowfish-ctr", "cast128-ctr",
	    "camellia128-cbc", "camellia192-cbc", "camellia256-cbc",
	    "camellia128-ctr", "camellia192-ctr", "camellia256-ctr",
	    "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
	    "chacha20-poly1305@openssh.com" },
	    "MKN>H:J=G9LI<F8C7D;EB30A@?62" },
	[ORD_KEX] = { N_("key exchange"), SSH_OPTIONS_KEY_EXCHANGE, {
	    NULL, "diffie-hellman-group1-sha1",
	    "diffie-hellman-group14-sha1",
	    "diffie-hellman-group-exchange-sha1",
	    "diffie-hellman-group-exchange-sha256", "ecdh-sha2-nistp256",
	    "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
	    "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512",
	    "diffie-hellman-group18-sha512", "curve25519-sha256@libssh.org",
	    "curve25519-sha256", "sntrup761x25519-sha512@openssh.com",
	    "sntrup761x25519-sha512", "mlkem768x25519-sha256" },
	    "?>=<;567:9842031" },
	[ORD_HOSTKEY] = { N_("host key types"), SSH_OPTIONS_HOSTKEYS, {
	    NULL, "RSA1", "ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256",
	    "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-ed25519",
	    "rsa-sha2-256", "rsa-sha2-512" },
	    "456798230" },
	[ORD_MAC] = { N_("MACs"), SSH_OPTIONS_HMAC_C_S, {
	    NULL, "hmac-sha1", "hmac-md5", "hmac-sha1-96", "hmac-md5-96",
	    "hmac-ripemd160@openssh.com", "hmac-sha2-256", NULL,
	    "hmac-sha2-512", NULL, "hmac-sha1-etm@openssh.com",
	    "hmac-md5-etm@openssh.com", "hmac-sha1-96-etm@openssh.com",
	    "hmac-md5-96-etm@openssh.com",
	    "hmac-ripemd160-etm@openssh.com",
	    "hmac-sha2-256-etm@openssh.com",
	    "hmac-sha2-512-etm@openssh.com" },
	    "@?:861>5;20<=34" },
	[ORD_COMP] = { N_("compression"), SSH_OPTIONS_COMPRESSION_C_S, {
	    NULL, "none", "zlib", "zlib@openssh.com" },
	    "3210" },
};

/* What OpenSSH and libssh no longer offer unless asked. */
static const char *algo_legacy[] = {
	"3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc", "blowfish-cbc",
	"diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1",
	"diffie-hellman-group-exchange-sha1", "ssh-rsa", "ssh-dss",
	"hmac-md5", "hmac-sha1-96", "hmac-md5-96", NULL
};

/* Can libssh use this algorithm? Asked of a session that never connects. */
static int
algo_supported(const struct algo_kind *k, const char *name)
{
	static ssh_session	 s;

	if (s == NULL && (s = ssh_new()) == NULL)
		return (0);
	return (ssh_options_set(s, k->option, name) == SSH_OK);
}

int
algo_legacy_name(const char *name)
{
	u_int	i;

	for (i = 0; algo_legacy[i] != NULL; i++) {
		if (strcmp(algo_legacy[i], name) == 0)
			return (1);
	}
	return (0);
}

static void
algo_append(char **list, const char *name)
{
	char	*s;

	xasprintf(&s, "%s%s%s", *list != NULL ? *list : "",
	    *list != NULL ? "," : "", name);
	free(*list);
	*list = s;
}

/* Is id offered by Tera Term 5 when a string does not mention it? */
static int
algo_default_on(const struct algo_kind *k, int id)
{
	const char	*p;

	for (p = k->defaults; *p != '0'; p++) {
		if (*p - '0' == id)
			return (1);
	}
	return (0);
}

/*
 * Decode an order string: the list libssh gets (NULL if none), and in
 * *dropped the names it cannot do (NULL if none).
 */
char *
algo_decode(int kind, const char *order, char **dropped)
{
	const struct algo_kind	*k = &algo_kinds[kind];
	char			*list = NULL;
	const char		*name, *p;
	int			 seen[32] = { 0 }, id, off = 0, pass;

	*dropped = NULL;
	for (pass = 0; pass < 2; pass++) {
		for (p = pass == 0 ? order : k->defaults; *p != '\0'; p++) {
			id = *p - '0';
			if (id == 0) {
				off = 1;
				if (pass == 1)
					break;
				continue;
			}
			if (id < 0 || id >= 32 || seen[id])
				continue;
			if (pass == 1 && !algo_default_on(k, id))
				continue;
			seen[id] = 1;
			if (off && pass == 0)
				continue;
			if ((name = k->names[id]) == NULL)
				continue;
			if (algo_supported(k, name))
				algo_append(&list, name);
			else
				algo_append(dropped, name);
		}
	}
	return (list);
}

/* The kind's name in English (marked for the catalogue: _() shows it). */
const char *
algo_kind_name(int kind)
{
	return (algo_kinds[kind].what);
}

/*
 * Give a session the lists of a profile; legacy gets the names of what is
 * on only because the profile asked for it. Returns -1 with a cause if
 * libssh refuses a list.
 */
static int
algo_apply(ssh_session s, const char *orders[ORD_COMP + 1], int compression,
    char **legacy, char **cause)
{
	char		*list, *dropped, *copy, *name, *last;
	int		 kind;

	*legacy = NULL;
	for (kind = ORD_CIPHER; kind <= ORD_COMP; kind++) {
		if (orders[kind] == NULL || *orders[kind] == '\0')
			continue;
		list = algo_decode(kind, orders[kind], &dropped);
		free(dropped);
		if (kind == ORD_COMP && compression == 0) {
			free(list);
			list = xstrdup("none");
		}
		if (list == NULL)
			continue;
		if (ssh_options_set(s, algo_kinds[kind].option, list) != SSH_OK ||
		    (kind == ORD_CIPHER && ssh_options_set(s,
		    SSH_OPTIONS_CIPHERS_S_C, list) != SSH_OK) ||
		    (kind == ORD_MAC && ssh_options_set(s,
		    SSH_OPTIONS_HMAC_S_C, list) != SSH_OK) ||
		    (kind == ORD_COMP && ssh_options_set(s,
		    SSH_OPTIONS_COMPRESSION_S_C, list) != SSH_OK)) {
			xasprintf(cause, _("libssh refused the %s %s"),
			    _(algo_kinds[kind].what), list);
			free(list);
			return (-1);
		}
		copy = list;
		while ((name = strtok_r(copy, ",", &last)) != NULL) {
			copy = NULL;
			if (algo_legacy_name(name))
				algo_append(legacy, name);
		}
		free(list);
	}
	return (0);
}

/*
 * Tera Term writes its ssh_known_hosts with CRLF, which libssh cannot
 * read: such a file is given to libssh as a private copy without the CRs.
 */
static void
sshalgo_profile_known_hosts(struct sshc *c, const char *path)
{
	FILE	*in, *out;
	char	 tmp[] = "/tmp/tterm-known-hosts-XXXXXX";
	int	 ch, fd, cr = 0;

	if ((in = fopen(path, "r")) == NULL)
		return;
	while ((ch = getc(in)) != EOF && !cr)
		cr = ch == '\r';
	if (!cr) {
		fclose(in);
		ssh_options_set(c->s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, path);
		return;
	}
	if ((fd = mkstemp(tmp)) == -1 || (out = fdopen(fd, "w")) == NULL) {
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		fclose(in);
		return;
	}
	rewind(in);
	while ((ch = getc(in)) != EOF) {
		if (ch != '\r')
			putc(ch, out);
	}
	fclose(in);
	if (fclose(out) != 0) {
		unlink(tmp);
		return;
	}
	c->kh_copy = xstrdup(tmp);
	ssh_options_set(c->s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, c->kh_copy);
}

/* Whether name is one of the comma-separated names of list. */
static int
algo_in_list(const char *list, const char *name)
{
	size_t	n = strlen(name);

	while (list != NULL && *list != '\0') {
		if (strncmp(list, name, n) == 0 &&
		    (list[n] == ',' || list[n] == '\0'))
			return (1);
		if ((list = strchr(list, ',')) != NULL)
			list++;
	}
	return (0);
}

/*
 * The key exchange is done: if it chose a legacy algorithm the profile
 * turned on, say so (the server offered nothing newer).
 */
void
sshalgo_negotiated(struct sshc *c)
{
	const char	*used[5];
	char		*said = NULL;
	u_int		 i;

	if (c->legacy == NULL)
		return;
	used[0] = ssh_get_kex_algo(c->s);
	used[1] = ssh_get_cipher_out(c->s);
	used[2] = ssh_get_cipher_in(c->s);
	used[3] = ssh_get_hmac_out(c->s);
	used[4] = ssh_get_hmac_in(c->s);
	for (i = 0; i < 5; i++) {
		if (used[i] != NULL && algo_in_list(c->legacy, used[i]) &&
		    (said == NULL || !algo_in_list(said, used[i])))
			algo_append(&said, used[i]);
	}
	if (said != NULL) {
		sshc_say(c, _("This connection uses legacy algorithms: %s (the"
		    " profile turns them on; the server offers nothing"
		    " newer)\n"), said);
		free(said);
	}
}

void
sshalgo_free(struct sshc *c)
{
	free(c->legacy);
	c->legacy = NULL;
	if (c->kh_copy != NULL) {
		unlink(c->kh_copy);
		free(c->kh_copy);
		c->kh_copy = NULL;
	}
}

/*
 * A profile's SSH settings on a new connection: algorithms, an extra
 * known hosts file, the method to try first and a password given on the
 * command line.
 */
int
sshalgo_apply(struct sshc *c, const struct sshdest *d, char **cause)
{
	const struct profile	*p = d->prof;
	const char		*orders[ORD_COMP + 1];
	char			*legacy = NULL, *kh, *semi;

	orders[0] = NULL;
	orders[ORD_CIPHER] = p->cipher_order;
	orders[ORD_KEX] = p->kex_order;
	orders[ORD_HOSTKEY] = p->hostkey_order;
	orders[ORD_MAC] = p->mac_order;
	orders[ORD_COMP] = p->comp_order;
	if (algo_apply(c->s, orders, p->compression, &legacy, cause) != 0)
		return (-1);
	/* Said only if the key exchange picks one (sshalgo_negotiated()):
	 * Tera Term's own file lists them, and modern servers never do. */
	free(c->legacy);
	c->legacy = legacy;
	/* Tera Term's own file is read besides ~/.ssh/known_hosts. */
	if (p->known_hosts != NULL && *p->known_hosts != '\0') {
		kh = xstrdup(p->known_hosts);
		if ((semi = strchr(kh, ';')) != NULL)
			*semi = '\0';
		if (access(kh, R_OK) == 0)
			sshalgo_profile_known_hosts(c, kh);
		free(kh);
	}
	c->prefer = p->auth;
	c->strict = d->auth_strict;
	if (d->password != NULL && !d->ask_password) {
		c->pending = xstrdup(d->password);
		c->prefer = PROF_AUTH_PASSWORD;
	}
	return (0);
}
