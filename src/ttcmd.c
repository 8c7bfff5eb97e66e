/*
 * ttcmd.c: Tera Term's command line (ttermpro's and TTSSH's options, the
 * host forms and URLs). [Hosts] entries are tails of such command lines,
 * so they go through the same code. Each argument changes a profile; a
 * password given with /passwd= is kept apart and never saved.
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"

/*
 * One word of a line from s (past any blanks): "..." groups ("" in it is
 * a quote), an unquoted blank or ';' ends it. The word, unquoted, goes to
 * word (room for strlen(s) + 1) with its length in len; returns where it
 * ended in s.
 */
static const char *
ttcmd_word(const char *s, char *word, size_t *len)
{
	int	q = 0;

	for (*len = 0; *s != '\0'; s++) {
		if (*s == '"') {
			if (q && s[1] == '"')
				word[(*len)++] = *++s;
			else
				q = !q;
			continue;
		}
		if (!q && (*s == ' ' || *s == '\t' || *s == ';'))
			break;
		word[(*len)++] = *s;
	}
	word[*len] = '\0';
	return (s);
}

/*
 * Split a line as Tera Term does: blanks separate, "..." groups ("" in it
 * is a quote), an unquoted ';' ends the line. Returns a NULL-ended array.
 */
char **
ttcmd_split(const char *line)
{
	char		**argv = NULL, *word;
	size_t		  n = 0, len, size = strlen(line) + 1;

	word = xmalloc(size);
	for (;;) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '\0' || *line == ';')
			break;
		line = ttcmd_word(line, word, &len);
		argv = xreallocarray(argv, n + 2, sizeof *argv);
		argv[n++] = xstrndup(word, len);
	}
	xfreezero(word, size);
	argv = xreallocarray(argv, n + 1, sizeof *argv);
	argv[n] = NULL;
	return (argv);
}

/* Free a split line, wiping it: it may hold a /passwd=. */
void
ttcmd_free_argv(char **argv)
{
	u_int	i;

	for (i = 0; argv != NULL && argv[i] != NULL; i++)
		freezero_str(argv[i]);
	free(argv);
}

/*
 * A word without the password of its URL (scheme://user:password@host,
 * also in -proxy=) or of user:password@host; NULL if it has none.
 */
static char *
ttcmd_redact_url(const char *word)
{
	const char	*s, *at, *colon;
	char		*out;

	if ((s = strstr(word, "://")) != NULL)
		s += 3;
	else if (*word != '/' && *word != '-')
		s = word;
	else
		return (NULL);
	if ((at = strrchr(s, '@')) == NULL ||
	    (colon = memchr(s, ':', at - s)) == NULL)
		return (NULL);
	xasprintf(&out, "%.*s%s", (int)(colon - word), word, at);
	return (out);
}

/* Add a word to a line, quoted as ttcmd_split() reads it back. */
static void
ttcmd_append_word(char **out, const char *word)
{
	const char	*p;

	if (word[strcspn(word, " \t;\"")] == '\0') {
		xappendf(out, "%s", word);
		return;
	}
	xappendf(out, "\"");
	for (p = word; *p != '\0'; p++) {
		if (*p == '"')
			xappendf(out, "\"\"");
		else
			xappendf(out, "%c", *p);
	}
	xappendf(out, "\"");
}

/*
 * A command line without its secrets, for the history: /passwd= (in any
 * case, quoted or not) goes with the blanks before it, a URL keeps its
 * user but not its password; every other byte stays as typed, so picking
 * the line again connects the same way and asks for the password.
 */
char *
ttcmd_redact(const char *line)
{
	const char	*sep, *start;
	char		*out = xstrdup(""), *word, *bare;
	size_t		 len, size = strlen(line) + 1;

	word = xmalloc(size);
	while (*line != '\0') {
		sep = line;
		line += strspn(line, " \t;");
		if (*line == '\0') {
			xappendf(&out, "%s", sep);
			break;
		}
		start = line;
		line = ttcmd_word(line, word, &len);
		if (strncasecmp(word, "/passwd=", 8) == 0)
			continue;
		xappendf(&out, "%.*s", (int)(start - sep), sep);
		if ((bare = ttcmd_redact_url(word)) != NULL) {
			ttcmd_append_word(&out, bare);
			freezero_str(bare);
		} else
			xappendf(&out, "%.*s", (int)(line - start), start);
	}
	xfreezero(word, size);
	return (out);
}

/* Percent-decoding for user and password in URLs. */
static char *
ttcmd_unescape(const char *s, size_t len)
{
	char	*out = xmalloc(len + 1), hex[3] = { 0, 0, 0 };
	size_t	 i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len &&
		    isxdigit((u_char)s[i + 1]) && isxdigit((u_char)s[i + 2])) {
			hex[0] = s[i + 1];
			hex[1] = s[i + 2];
			out[o++] = strtol(hex, NULL, 16);
			i += 2;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	return (out);
}

/* host, host:port, [v6], [v6]:port, user@host; sets host and port. */
static int
ttcmd_host(struct ttcmd *tc, const char *s)
{
	struct profile	*p = tc->p;
	const char	*at, *h, *colon, *end;
	long		 port = 0;
	char		*endp;

	if ((at = strrchr(s, '@')) != NULL) {
		free(p->user);
		p->user = xstrndup(s, at - s);
		s = at + 1;
	}
	if (*s == '[') {
		if ((end = strchr(s, ']')) == NULL)
			return (-1);
		h = s + 1;
		colon = end[1] == ':' ? end + 1 : NULL;
	} else {
		h = s;
		colon = strchr(s, ':');
		if (colon != NULL && strchr(colon + 1, ':') != NULL)
			colon = NULL;	/* a bare IPv6 address */
		end = colon != NULL ? colon : s + strlen(s);
	}
	if (end == h)
		return (-1);
	if (colon != NULL) {
		port = strtol(colon + 1, &endp, 10);
		if (*endp == '/' && endp[1] == '\0')
			endp++;
		if (*endp != '\0' || port < 1 || port > 65535)
			return (-1);
		p->tcp_port = port;
		p->port_given = 1;
	}
	free(p->host);
	p->host = xstrndup(h, end - h);
	tc->got_host = 1;
	return (0);
}

/* ssh://[user[:password]@]host[:port][/] and its relatives, telnet://. */
static int
ttcmd_url(struct ttcmd *tc, const char *arg)
{
	static const char *ssh[] = { "ssh://", "ssh1://", "ssh2://",
	    "slogin://", "slogin1://", "slogin2://", NULL };
	const char	*s = NULL, *at, *colon;
	char		*host;
	u_int		 i;
	int		 r;

	for (i = 0; ssh[i] != NULL && s == NULL; i++) {
		if (strncasecmp(arg, ssh[i], strlen(ssh[i])) == 0)
			s = arg + strlen(ssh[i]);
	}
	if (s != NULL) {
		tc->p->ssh = 1;
		tc->p->tcp_port = 22;
	} else if (strncasecmp(arg, "telnet://", 9) == 0 ||
	    strncasecmp(arg, "tn3270://", 9) == 0) {
		s = arg + 9;
		tc->p->ssh = 0;
		tc->p->telnet = 1;
		tc->p->tcp_port = 23;
		tc->telnet = 1;
	} else
		return (0);
	if ((at = strrchr(s, '@')) != NULL) {
		colon = memchr(s, ':', at - s);
		free(tc->p->user);
		tc->p->user = ttcmd_unescape(s, (colon != NULL ? colon : at) -
		    s);
		if (colon != NULL) {
			freezero_str(tc->password);
			tc->password = ttcmd_unescape(colon + 1,
			    at - colon - 1);
		}
		s = at + 1;
	}
	host = xstrdup(s);
	if (*host != '\0' && host[strlen(host) - 1] == '/')
		host[strlen(host) - 1] = '\0';
	/* Not the whole argument in the message: it may hold a password. */
	if ((r = ttcmd_host(tc, host)) != 0)
		xasprintf(&tc->error, _("bad host '%s' in a URL"), host);
	free(host);
	return (r == 0 ? 1 : -1);
}

/* Options of ttermpro itself: names are case-insensitive. */
static const struct {
	const char	*name;		/* with '=' when it takes a value */
	const char	*key;		/* the profile key it sets, if any */
	int		 serial;	/* it implies a serial connection */
} ttcmd_core[] = {
	{ "/BAUD=", "BaudRate", 1 },
	{ "/SPEED=", "BaudRate", 1 },
	{ "/C=", "ComPort", 1 },
	{ "/CDATABIT=", "DataBit", 1 },
	{ "/CPARITY=", "Parity", 1 },
	{ "/CSTOPBIT=", "StopBit", 1 },
	{ "/CFLOWCTRL=", "FlowCtrl", 1 },
	{ "/CDELAYPERCHAR=", "DelayPerChar", 1 },
	{ "/CDELAYPERLINE=", "DelayPerLine", 1 },
	{ "/KR=", "KanjiReceive", 0 },
	{ "/KT=", "KanjiSend", 0 },
	{ "/P=", "TCPPort", 0 },
	{ "/TIMEOUT=", "ConnectingTimeout", 0 },
	{ "/W=", "Title", 0 },
	{ "/L=", "LogDefaultName", 0 },
	{ NULL, NULL, 0 }
};

/* Options a text terminal accepts and has no use for. */
static const char *ttcmd_gui[] = {
	"/B", "/DS", "/ES", "/H", "/I", "/V", "/X=", "/Y=", "/FD=",
	"/K=", "/TEKICON=", "/VTICON=", "/THEME=", "/OSC52=", "/MN=", "/D=",
	"/AUTOWINCLOSE=", "/WAITCOM", "/DUPLICATE", "/4", "/6", "/1", "/2",
	"/ssh-icon=", "/ssh-agentconfirm=", "/ssh-v", "/ssh-autologin",
	"/ssh-autologon", NULL
};

/* A value as a profile key reads it; -1 if not valid. */
static int
ttcmd_value(struct ttcmd *tc, const char *key, const char *v)
{
	const struct prof_key	*k;
	char			*note = NULL, *names;

	if ((k = prof_key_find("Tera Term", key)) == NULL)
		k = prof_key_find("TTSSH", key);
	if (k->type == PK_KANJI) {
		/* Tera Term 4 took UTF8, lower case and so on. */
		if (prof_charset(v, 0) == NULL) {
			names = codec_names();
			xasprintf(&tc->error, _("unknown character set '%s':"
			    " use one of %s"), v, names);
			free(names);
			return (-1);
		}
		v = prof_charset(v, 0);
	}
	if (prof_value_set(k, tc->p, v, &note) != 0)
		goto bad;
	if (k->off == offsetof(struct profile, tcp_port))
		tc->p->port_given = 1;	/* /P= */
	free(note);
	return (0);
bad:
	if (note != NULL)
		xasprintf(&tc->error, _("bad value '%s' for %s: %s"), v, key,
		    note);
	else
		xasprintf(&tc->error, _("bad value '%s' for %s"), v, key);
	free(note);
	return (-1);
}

static int
ttcmd_auth(struct ttcmd *tc, const char *v)
{
	static const struct pk_enum methods[] = {
		{ "password", PROF_AUTH_PASSWORD },
		{ "publickey", PROF_AUTH_PUBLICKEY },
		{ "challenge", PROF_AUTH_KBDINT },
		{ "keyboard-interactive", PROF_AUTH_KBDINT },
		{ "pageant", PROF_AUTH_AGENT },
		{ NULL, 0 }
	};
	u_int	i;

	for (i = 0; methods[i].name != NULL; i++) {
		if (strcasecmp(v, methods[i].name) == 0) {
			tc->p->auth = methods[i].value;
			tc->auth = 1;
			tc->p->auth_only = 1;
			return (0);
		}
	}
	xasprintf(&tc->error, _("bad /auth=%s: use password, publickey,"
	    " keyboard-interactive, challenge or pageant"), v);
	return (-1);
}

/* TTSSH's options: names are case-sensitive. */
static int
ttcmd_ssh(struct ttcmd *tc, const char *arg)
{
	struct profile	*p = tc->p;
	const char	*fw;
	char		*s;

	if (strcmp(arg, "/ssh") == 0 || strcmp(arg, "/ssh1") == 0 ||
	    strcmp(arg, "/ssh2") == 0 || strcasecmp(arg, "/t=2") == 0)
		p->ssh = 1;
	else if (strcmp(arg, "/nossh") == 0)
		p->ssh = 0;
	else if (strcmp(arg, "/telnet") == 0 || strcasecmp(arg, "/t=1") == 0) {
		p->ssh = 0;
		p->telnet = tc->telnet = 1;
	} else if (strncasecmp(arg, "/t=", 3) == 0) {
		p->ssh = 0;
		p->telnet = tc->telnet = 0;
	} else if (strncmp(arg, "/auth=", 6) == 0)
		return (ttcmd_auth(tc, arg + 6));
	else if (strncmp(arg, "/user=", 6) == 0) {
		free(p->user);
		p->user = xstrdup(arg + 6);
	} else if (strncmp(arg, "/passwd=", 8) == 0) {
		freezero_str(tc->password);
		tc->password = xstrdup(arg + 8);
		xappendf(&tc->warnings, "%s", _("warning: a password on the"
		    " command line can be read by other users of this machine"
		    " (ps); prefer /ask4passwd or a key\n"));
	} else if (strncmp(arg, "/keyfile=", 9) == 0) {
		free(p->keyfile);
		p->keyfile = profile_map_key(p, arg + 9);
		tc->keyfile = 1;
	} else if (strcmp(arg, "/ask4passwd") == 0) {
		tc->ask4passwd = 1;
		tc->p->ask_password = 1;
	} else if (strcmp(arg, "/ssh-A") == 0 || strcmp(arg, "/ssh-a") == 0)
		p->fwd_agent = arg[5] == 'A';
	else if (strcmp(arg, "/ssh-C") == 0)
		p->compression = 6;
	else if (strncmp(arg, "/ssh-C=", 7) == 0)
		return (ttcmd_value(tc, "Compression", arg + 7));
	else if (strcmp(arg, "/ssh-c") == 0)
		p->compression = 0;
	else if (strncmp(arg, "/ssh-L", 6) == 0 ||
	    strncmp(arg, "/ssh-R", 6) == 0 || strncmp(arg, "/ssh-D", 6) == 0 ||
	    strncmp(arg, "/ssh-X", 6) == 0) {
		fw = arg + 5;
		xasprintf(&s, "%s%s%s", p->forwarding != NULL ?
		    p->forwarding : "", p->forwarding != NULL &&
		    *p->forwarding != '\0' ? ";" : "", fw);
		free(p->forwarding);
		p->forwarding = s;
	} else if (strcmp(arg, "/nosecuritywarning") == 0)
		xappendf(&tc->warnings, "%s", _("ignored /nosecuritywarning:"
		    " tterm always checks host keys\n"));
	else if (strncmp(arg, "/ssh-f=", 7) == 0 || strncasecmp(arg, "/f=", 3)
	    == 0)
		return (0);	/* /F= is read before anything else */
	else if (strncmp(arg, "/ssh", 4) == 0) {
		xasprintf(&tc->error, _("unrecognized option %s"), arg);
		return (-1);
	} else
		return (1);	/* not one of TTSSH's */
	return (0);
}

/* "/name" or "/name=value": a path such as /dev/ttyS0 is not one. */
int
ttcmd_is_option(const char *arg)
{
	const char	*eq = strchr(arg, '='), *slash;

	if (arg[0] != '/' || arg[1] == '\0')
		return (0);
	slash = strchr(arg + 1, '/');
	return (slash == NULL || (eq != NULL && slash > eq));
}

/*
 * A word that is no option: the host (or serial:DEVICE, rfc2217://), or a
 * port right after it; 1 if taken, 0 if not one of these, -1 with tc->error.
 */
static int
ttcmd_plain(struct ttcmd *tc, const char *arg)
{
	char	*end;
	u_int	 i;

	if (*arg == '/' || *arg == '-')
		return (0);
	/* A port right after the host: "host 2222". */
	if (tc->got_host && !tc->got_port && isdigit((u_char)*arg)) {
		i = strtoul(arg, &end, 10);
		if (*end == '\0' && i >= 1 && i <= 65535) {
			tc->p->tcp_port = i;
			tc->p->port_given = 1;
			tc->got_port = 1;
			return (1);
		}
	}
	if (tc->got_host)
		return (0);
	/* serial:DEVICE and rfc2217://HOST:PORT, as tterm's own command
	 * line takes them (the Device of a network serial port names it). */
	if ((strncmp(arg, "serial:", 7) == 0 && arg[7] != '\0') ||
	    (strncmp(arg, "rfc2217://", 10) == 0 && arg[10] != '\0')) {
		tc->p->serial = 1;
		free(tc->p->device);
		tc->p->device = xstrdup(arg[0] == 's' ? arg + 7 : arg);
		tc->got_host = 1;
		return (1);
	}
	if (ttcmd_host(tc, arg) != 0) {
		xasprintf(&tc->error, _("bad host '%s'"), arg);
		return (-1);
	}
	return (1);
}

/*
 * One argument of a Tera Term command line. Returns 1 if it was taken, 0
 * if it is none of Tera Term's forms, -1 with tc->error if it is bad.
 */
int
ttcmd_arg(struct ttcmd *tc, const char *arg)
{
	const char	*eq;
	u_int		 i;
	size_t		 n;
	int		 r;

	if ((r = ttcmd_url(tc, arg)) != 0)
		return (r);
	if (strncmp(arg, "\\\\", 2) == 0) {
		xasprintf(&tc->error, _("%s: named pipes are not supported"),
		    arg);
		return (-1);
	}
	if (!ttcmd_is_option(arg))
		return (ttcmd_plain(tc, arg));
	if ((r = ttcmd_ssh(tc, arg)) <= 0)
		return (r < 0 ? -1 : 1);
	for (i = 0; ttcmd_core[i].name != NULL; i++) {
		n = strlen(ttcmd_core[i].name);
		if (strncasecmp(arg, ttcmd_core[i].name, n) != 0)
			continue;
		if (ttcmd_value(tc, ttcmd_core[i].key, arg + n) != 0)
			return (-1);
		if (ttcmd_core[i].serial)
			tc->p->serial = 1;
		if (strncasecmp(arg, "/L=", 3) == 0)
			tc->p->log_autostart = 1;
		return (1);
	}
	if (strcasecmp(arg, "/E") == 0) {	/* no TCPLocalEcho, TCPCRSend */
		tc->p->tcp_local_echo = 0;
		tc->p->tcp_cr_send = -1;
		return (1);
	}
	if (strcasecmp(arg, "/NOLOG") == 0) {
		tc->p->log_autostart = 0;
		return (1);
	}
	if (strncasecmp(arg, "/M=", 3) == 0 && arg[3] != '\0') {
		free(tc->macro);
		tc->macro = xstrdup(arg + 3);
		return (1);
	}
	if (strcasecmp(arg, "/M") == 0 || strncasecmp(arg, "/R=", 3) == 0 ||
	    strcasecmp(arg, "/PIPE") == 0 || strcasecmp(arg, "/NAMEDPIPE") == 0) {
		xasprintf(&tc->error, _("%s: a macro needs its file"
		    " (/M=FILE); replay files and named pipes are not"
		    " supported"), arg);
		return (-1);
	}
	eq = strchr(arg, '=');
	n = eq != NULL ? (size_t)(eq - arg + 1) : strlen(arg);
	for (i = 0; ttcmd_gui[i] != NULL; i++) {
		if (strlen(ttcmd_gui[i]) == n &&
		    strncasecmp(arg, ttcmd_gui[i], n) == 0)
			return (1);
	}
	xasprintf(&tc->error, _("unrecognized option %s"), arg);
	return (-1);
}

/* A whole line ([Hosts] entry, or a macro's connect): every argument. */
int
ttcmd_line(struct ttcmd *tc, const char *line)
{
	char	**argv = ttcmd_split(line);
	u_int	  i;
	int	  r = 0;

	for (i = 0; argv[i] != NULL && r == 0; i++) {
		switch (ttcmd_arg(tc, argv[i])) {
		case 0:
			xasprintf(&tc->error, _("unexpected '%s'"), argv[i]);
			r = -1;
			break;
		case -1:
			r = -1;
			break;
		}
	}
	ttcmd_free_argv(argv);
	return (r);
}

/* /F=file in a command line, if any, resolved as Tera Term does. */
char *
ttcmd_inifile(char **argv)
{
	const char	*v;
	char		*path;
	u_int		 i;

	for (i = 0; argv[i] != NULL; i++) {
		if (strncasecmp(argv[i], "/F=", 3) == 0)
			v = argv[i] + 3;
		else if (strncmp(argv[i], "/ssh-f=", 7) == 0)
			v = argv[i] + 7;
		else
			continue;
		if (strchr(v, '.') == NULL)
			xasprintf(&path, "%s.INI", v);
		else
			path = xstrdup(v);
		return (path);
	}
	return (NULL);
}

void
ttcmd_clear(struct ttcmd *tc)
{
	freezero_str(tc->password);
	free(tc->macro);
	free(tc->warnings);
	free(tc->error);
	memset(tc, 0, sizeof *tc);
}
