/*
 * main.c: the command line, signals, and the program's start and end.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tterm.h"

static void
usage(FILE *f)
{
	fprintf(f,
"usage: tterm [options] [-e command]... [destination]...\n"
"\n"
"With no command and no destination, tterm opens one tab running your\n"
"$SHELL. A destination, ssh://[user@]host[:port] or [user@]host[:port],\n"
"opens an SSH tab.\n"
"\n"
"  -e, --execute CMD     open a tab running CMD (sh -c CMD); repeatable\n"
"  -l USER               SSH user name\n"
"  -p PORT               SSH port\n"
"  -i FILE               SSH private key file; repeatable\n"
"  -A                    forward the SSH agent ($SSH_AUTH_SOCK)\n"
"  -L [ADDR:]PORT:HOST:HOSTPORT  connections to PORT here go to HOST:HOSTPORT\n"
"                        as the server sees it; repeatable\n"
"  -R [ADDR:]PORT:HOST:HOSTPORT  connections to PORT on the server go to\n"
"                        HOST:HOSTPORT as seen from here; repeatable\n"
"  -J [USER@]HOST[:PORT][,...]  reach the destination (SSH or rfc2217://)\n"
"                        through these jump hosts, the first dialled first;\n"
"                        tabs share one login per jump host\n"
"  -F FILE               SSH configuration file (default ~/.ssh/config)\n"
"      --no-ssh-config   do not read an SSH configuration file\n"
"      --connect-timeout SECS   give up connecting after SECS (10)\n"
"      --server-timeout SECS    give up on a silent server after SECS (30)\n"
"      --keepalive SECS  probe a silent server every SECS (60; 0: never)\n"
"      --tcp-keepalive   also turn on TCP keepalive\n"
"\n"
"A destination serial:/dev/ttyUSB0 opens a serial console tab:\n"
"      --speed N         bits per second (9600)\n"
"      --line 8N1        data bits, parity (N E O M S), stop bits\n"
"      --flow MODE       none, xonxoff (handled and shown by tterm), rtscts\n"
"      --char-delay MS, --line-delay MS   pause after each character or line\n"
"      --send-newline cr|crlf|lf, --receive-newline cr|crlf|lf|auto\n"
"      --local-echo      show typed text in the tab\n"
"\n"
"Profiles (TERATERM.INI files and tterm's own, see tterm.ini(5)):\n"
"  -P, --profile NAME    open the profile NAME (or a path)\n"
"  -o, --option KEY=VALUE  set any profile key (Section.KEY where two\n"
"                        sections have it), over the profile and options\n"
"      --import FILE     report what tterm makes of a TERATERM.INI\n"
"      --dump-profile NAME  print a profile as tterm reads it\n"
"      --codepage CP     code page of files not in UTF-8 or UTF-16 (CP932)\n"
"      --list-keys[=man] the profile keys tterm reads\n"
"Tera Term's command line works too: host[:port] /ssh /auth=password\n"
"/user=NAME /keyfile=FILE /C=N /BAUD=N /F=TERATERM.INI and so on.\n"
"\n"
"The character set of every tab the command line opens (UTF-8 by default):\n"
"      --encoding CODE   both ways: SJIS, EUC-JP, JIS, KOI8-R, CP437, ...\n"
"      --kanji-receive CODE, --kanji-send CODE   one way each\n"
"      /KR=CODE /KT=CODE Tera Term's way\n"
"\n"
"      --prefix KEY      the prefix key, as C-x or ^x (default C-])\n"
"      --scrollback N    lines of scrollback per tab (default 10000)\n"
"      --term NAME       TERM given to programs (default xterm-256color)\n"
"      --theme NAME      colours of the bars: a theme name or a file\n"
"      --log FILE        write a debug log to FILE (mode 0600)\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"Keys: press the prefix (Ctrl+] unless changed), then c new connection,\n"
"o the tab's settings, S save them, n/p next and previous, 1-9 select,\n"
"x close, [ scrollback, ? help, q quit.\n");
}

static long	main_number(const char *, long, long);


/* cr, crlf or lf as SERIAL_NL_*, or -1. */
static int
main_newline(const char *s)
{
	if (strcasecmp(s, "cr") == 0)
		return (SERIAL_NL_CR);
	if (strcasecmp(s, "crlf") == 0)
		return (SERIAL_NL_CRLF);
	if (strcasecmp(s, "lf") == 0)
		return (SERIAL_NL_LF);
	if (strcasecmp(s, "auto") == 0)
		return (PROF_NL_AUTO);
	return (-1);
}

/* rfc2217://host:port into an allocated host and a port. */
static int
main_rfc2217(const char *arg, char **host, u_int *port)
{
	const char	*p = arg + 10, *colon = strrchr(p, ':');
	long		 n;

	if (colon == NULL || colon == p ||
	    (n = main_number(colon + 1, 1, 65535)) < 0)
		return (-1);
	*host = xstrdup(p);
	(*host)[colon - p] = '\0';
	*port = n;
	return (0);
}

/* A decimal number in [min, max], or -1. */
static long
main_number(const char *s, long min, long max)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || n < min || n > max)
		return (-1);
	return (n);
}

/*
 * Parse ssh://[user@]host[:port] or [user@]host[:port] into d: host always, user
 * and port when the destination names them (allocated strings).
 */
static int
main_dest(const char *arg, struct sshdest *d)
{
	const char	*p = arg, *at, *colon, *end;
	char		 buf[16];
	long		 port;
	int		 url = 0;

	if (strncmp(p, "ssh://", 6) == 0) {
		p += 6;
		url = 1;
	}
	end = p + strlen(p);
	if (url && end > p && end[-1] == '/')
		end--;
	if ((at = memchr(p, '@', end - p)) != NULL) {
		while (memchr(at + 1, '@', end - at - 1) != NULL)
			at = memchr(at + 1, '@', end - at - 1);
		if (at == p)
			return (-1);
		d->user = xstrdup(p);
		d->user[at - p] = '\0';
		p = at + 1;
	}
	if (*p == '[' && (colon = memchr(p, ']', end - p)) != NULL) {
		d->host = xstrdup(p + 1);
		d->host[colon - p - 1] = '\0';
		colon++;
	} else {
		/* host:port as in ssh:// and Tera Term; a bare IPv6 address
		 * (more than one ':') is all host. */
		colon = memchr(p, ':', end - p);
		if (!url && colon != NULL &&
		    memchr(colon + 1, ':', end - colon - 1) != NULL)
			colon = NULL;
		d->host = xstrdup(p);
		d->host[(colon != NULL ? colon : end) - p] = '\0';
	}
	if (colon != NULL && colon < end && *colon == ':') {
		if ((size_t)(end - colon - 1) >= sizeof buf)
			return (-1);
		memcpy(buf, colon + 1, end - colon - 1);
		buf[end - colon - 1] = '\0';
		if ((port = main_number(buf, 1, 65535)) < 0)
			return (-1);
		d->port = port;
	} else if (colon != NULL && colon < end)
		return (-1);
	if (*d->host == '\0' || strpbrk(d->host, "/ \t@") != NULL)
		return (-1);
	return (0);
}

/* Parse a destination over the command line's settings in base. */
static int
main_dest_fill(const char *arg, const struct sshdest *base,
    struct sshdest *d)
{
	*d = *base;
	d->host = d->user = NULL;
	if (main_dest(arg, d) != 0) {
		free(d->host);
		free(d->user);
		return (-1);
	}
	if (d->user == NULL && base->user != NULL)
		d->user = xstrdup(base->user);
	return (0);
}

/* A character set name, or NULL after saying which ones there are. */
static const char *
main_charset(const char *name)
{
	const char	*cs;
	char		*names;

	if ((cs = codec_lookup(name)) != NULL)
		return (cs);
	names = codec_names();
	fprintf(stderr, "tterm: unknown character set '%s': use one of %s\n",
	    name, names);
	free(names);
	return (NULL);
}

/* Long options without a letter. */
#define OPT_ENCODING	256
#define OPT_KANJI_RECV	257
#define OPT_KANJI_SEND	258
#define OPT_PREFIX	259
#define OPT_DUMP	260
#define OPT_LOG		261

static const struct option main_longopts[] = {
	{ "execute", required_argument, NULL, 'e' },
	{ "prefix", required_argument, NULL, OPT_PREFIX },
	{ "profile", required_argument, NULL, 'P' },
	{ "import", required_argument, NULL, 'I' },
	{ "dump-profile", required_argument, NULL, OPT_DUMP },
	{ "codepage", required_argument, NULL, 'G' },
	{ "list-keys", optional_argument, NULL, 'O' },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "kanji-receive", required_argument, NULL, OPT_KANJI_RECV },
	{ "kanji-send", required_argument, NULL, OPT_KANJI_SEND },
	{ "scrollback", required_argument, NULL, 'S' },
	{ "term", required_argument, NULL, 'T' },
	{ "theme", required_argument, NULL, 't' },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "no-ssh-config", no_argument, NULL, 'N' },
	{ "connect-timeout", required_argument, NULL, 'C' },
	{ "server-timeout", required_argument, NULL, 'W' },
	{ "keepalive", required_argument, NULL, 'K' },
	{ "option", required_argument, NULL, 'o' },
	{ "tcp-keepalive", no_argument, NULL, 'k' },
	{ "speed", required_argument, NULL, 's' },
	{ "line", required_argument, NULL, 'x' },
	{ "flow", required_argument, NULL, 'f' },
	{ "char-delay", required_argument, NULL, 'c' },
	{ "line-delay", required_argument, NULL, 'y' },
	{ "send-newline", required_argument, NULL, 'n' },
	{ "receive-newline", required_argument, NULL, 'r' },
	{ "local-echo", no_argument, NULL, 'E' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* What the command line asks for, before any tab opens. */
struct main_args {
	struct sshdest	 dest;		/* -l, -p, -i, -J, ... */
	struct serial_opts line;	/* --speed, --line, ... */
	const char	*kanji[2];	/* receive, send */
	int		 given;		/* G_*: what beats a profile */
	const char	**cmds;		/* -e */
	int		 ncmds;
	const char	**keys;		/* -o KEY=VALUE */
	int		 nkeys;
	const char	*profile_name;	/* -P */
	const char	*codepage;	/* -G */
	int		 action;	/* --import, --dump-profile, --list-keys */
	const char	*action_arg;
};

/* The status main() returns after a bad option (a message said why). */
#define MAIN_BAD	2
/* An option that ends the program at once (--help, --version). */
#define MAIN_DONE	-1

/* A number option in [min, max], or MAIN_BAD with the words for it. */
static int
main_number_opt(const char *arg, long min, long max, const char *what,
    long *n)
{
	if ((*n = main_number(arg, min, max)) >= 0)
		return (0);
	fprintf(stderr, "tterm: bad %s '%s'\n", what, arg);
	return (MAIN_BAD);
}

static int	main_opt_timers(struct main_args *, int, char *);
static int	main_opt_line(struct main_args *, int, char *);

/* SSH options; 1 if ch is not one of them. */
static int
main_opt_ssh(struct main_args *a, int ch, char *arg)
{
	struct sshdest	*d = &a->dest;
	long		 n;

	switch (ch) {
	case 'l':
		d->user = arg;
		a->given |= G_USER;
		return (0);
	case 'p':
		if (main_number_opt(arg, 1, 65535, "port", &n) != 0)
			return (MAIN_BAD);
		d->port = n;
		a->given |= G_PORT;
		return (0);
	case 'i':
		if (d->nids == SSHC_MAX_IDS)
			return (0);
		d->ids = xreallocarray(d->ids, d->nids + 1, sizeof *d->ids);
		d->ids[d->nids++] = arg;
		return (0);
	case 'J':
		d->jump = arg;
		return (0);
	case 'A':
		d->fwd_agent = 1;
		return (0);
	case 'L':
	case 'R':
		/* As Tera Term's DefaultForwarding writes them. */
		xappendf(&d->forwarding, "%s%c%s", d->forwarding != NULL ?
		    ";" : "", ch, arg);
		return (0);
	case 'F':
		if (strcmp(arg, "none") == 0)
			d->use_config = 0;
		else
			d->config = arg;
		return (0);
	case 'N':
		d->use_config = 0;
		return (0);
	}
	return (main_opt_timers(a, ch, arg));
}

/* SSH timers: connect and server timeouts, keepalives. */
static int
main_opt_timers(struct main_args *a, int ch, char *arg)
{
	long	n;

	switch (ch) {
	case 'C':
	case 'W':
		if (main_number_opt(arg, 1, 3600, "timeout", &n) != 0)
			return (MAIN_BAD);
		if (ch == 'C')
			a->dest.connect_timeout = n;
		else
			a->dest.server_timeout = n;
		return (0);
	case 'K':
		if (main_number_opt(arg, 0, 3600, "keepalive", &n) != 0)
			return (MAIN_BAD);
		a->dest.keepalive = n;
		return (0);
	case 'k':
		a->dest.tcp_keepalive = 1;
		return (0);
	}
	return (1);
}

/* Serial line options; 1 if ch is not one of them. */
static int
main_opt_serial(struct main_args *a, int ch, char *arg)
{
	struct serial_opts	*l = &a->line;
	long			 n;

	switch (ch) {
	case 's':
		if (main_number_opt(arg, 50, 4000000, "speed", &n) != 0)
			return (MAIN_BAD);
		l->speed = n;
		a->given |= G_SPEED;
		return (0);
	case 'x':
		if (serial_parse_line(arg, l) != 0) {
			fprintf(stderr, "tterm: bad line '%s': use data bits,"
			    " parity, stop bits as 8N1\n", arg);
			return (MAIN_BAD);
		}
		a->given |= G_LINE;
		return (0);
	case 'c':
	case 'y':
		if (main_number_opt(arg, 0, 10000, "delay (ms)", &n) != 0)
			return (MAIN_BAD);
		if (ch == 'c')
			l->char_delay = n;
		else
			l->line_delay = n;
		a->given |= ch == 'c' ? G_CDELAY : G_LDELAY;
		return (0);
	case 'E':
		l->local_echo = 1;
		a->given |= G_ECHO;
		return (0);
	}
	return (main_opt_line(a, ch, arg));
}

/* Newlines and flow control, of serial lines (and telnet, by profile). */
static int
main_opt_line(struct main_args *a, int ch, char *arg)
{
	struct serial_opts	*l = &a->line;
	int			 n;

	switch (ch) {
	case 'n':
	case 'r':
		if ((n = main_newline(arg)) < 0 ||
		    (ch == 'n' && n == PROF_NL_AUTO)) {
			fprintf(stderr, "tterm: bad newline '%s': cr, crlf or"
			    " lf\n", arg);
			return (MAIN_BAD);
		}
		if (ch == 'n')
			l->send_nl = n;
		else
			l->recv_nl = n;
		a->given |= ch == 'n' ? G_SNL : G_RNL;
		return (0);
	case 'f':
		if (strcmp(arg, "none") == 0)
			l->flow = SERIAL_FLOW_NONE;
		else if (strcmp(arg, "xonxoff") == 0)
			l->flow = SERIAL_FLOW_XONXOFF;
		else if (strcmp(arg, "rtscts") == 0)
			l->flow = SERIAL_FLOW_RTSCTS;
		else {
			fprintf(stderr, "tterm: bad flow '%s': none, xonxoff"
			    " or rtscts\n", arg);
			return (MAIN_BAD);
		}
		a->given |= G_FLOW;
		return (0);
	}
	return (1);
}

/* Character sets, profiles and the profile actions. */
static int
main_opt_profile(struct main_args *a, int ch, char *arg)
{
	const char	*cs;

	switch (ch) {
	case 'P':
		a->profile_name = arg;
		return (0);
	case 'o':
		a->keys = xreallocarray(a->keys, a->nkeys + 1,
		    sizeof *a->keys);
		a->keys[a->nkeys++] = arg;
		return (0);
	case OPT_ENCODING:
	case OPT_KANJI_RECV:
	case OPT_KANJI_SEND:
		if ((cs = main_charset(arg)) == NULL)
			return (MAIN_BAD);
		if (ch != OPT_KANJI_SEND) {
			a->kanji[0] = cs;
			a->given |= G_KR;
		}
		if (ch != OPT_KANJI_RECV) {
			a->kanji[1] = cs;
			a->given |= G_KT;
		}
		return (0);
	case 'I':
	case OPT_DUMP:
	case 'O':
		a->action = ch;
		a->action_arg = arg;
		return (0);
	case 'G':
		if (prof_codepage_ok(arg) != 0) {
			fprintf(stderr, "tterm: unknown code page '%s': CP932,"
			    " CP1252, CP1251, CP949, CP936 or CP950\n", arg);
			return (MAIN_BAD);
		}
		a->codepage = arg;
		return (0);
	}
	return (1);
}

/* Options of the program as a whole: commands, keys, looks, help. */
static int
main_opt_program(struct main_args *a, int ch, char *arg)
{
	long	n;

	switch (ch) {
	case 'e':
		a->cmds = xreallocarray(a->cmds, a->ncmds + 1,
		    sizeof *a->cmds);
		a->cmds[a->ncmds++] = arg;
		return (0);
	case OPT_PREFIX:
		if ((opts.prefix = keys_parse_prefix(arg)) == -1) {
			fprintf(stderr, "tterm: bad prefix key '%s': use a"
			    " control key such as C-] or ^a\n", arg);
			return (MAIN_BAD);
		}
		return (0);
	case 'S':
		if (main_number_opt(arg, 0, 1000000,
		    "scrollback (0 to 1000000 lines)", &n) != 0)
			return (MAIN_BAD);
		opts.scrollback = n;
		return (0);
	case 'T':
		opts.term = arg;
		return (0);
	case 't':
		opts.theme = arg;
		return (0);
	case OPT_LOG:
		opts.logfile = arg;
		return (0);
	case 'h':
		usage(stdout);
		return (MAIN_DONE);
	case 'V':
		printf("tterm %s\n", PACKAGE_VERSION);
		return (MAIN_DONE);
	}
	usage(stderr);
	return (MAIN_BAD);
}

/*
 * Read the options into a: 0, MAIN_BAD (a message said why) or MAIN_DONE
 * (help or version printed).
 */
static int
main_options(struct main_args *a, int argc, char **argv)
{
	int	ch, rc;

	memset(a, 0, sizeof *a);
	a->kanji[0] = a->kanji[1] = "UTF-8";
	a->line.speed = 9600;
	serial_parse_line("8N1", &a->line);
	a->dest.use_config = 1;
	a->dest.keepalive = 60;	/* as Tera Term's HeartBeat */
	while ((ch = getopt_long(argc, argv, "Ae:F:hi:J:L:l:o:P:p:R:V",
	    main_longopts, NULL)) != -1) {
		if ((rc = main_opt_ssh(a, ch, optarg)) == 1 &&
		    (rc = main_opt_serial(a, ch, optarg)) == 1 &&
		    (rc = main_opt_profile(a, ch, optarg)) == 1)
			rc = main_opt_program(a, ch, optarg);
		if (rc != 0)
			return (rc);
	}
	return (0);
}

/* Every destination is checked before the screen is taken. */
static int
main_check_dests(struct main_args *a, int argc, char **argv)
{
	struct sshdest	 d;
	char		*rhost;
	u_int		 rport;
	int		 i;

	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "serial:", 7) == 0 && argv[i][7] != '\0')
			continue;
		if (strncmp(argv[i], "rfc2217://", 10) == 0) {
			if (main_rfc2217(argv[i], &rhost, &rport) != 0) {
				fprintf(stderr, "tterm: bad '%s': use"
				    " rfc2217://host:port\n", argv[i]);
				return (MAIN_BAD);
			}
			free(rhost);
			continue;
		}
		if (main_dest_fill(argv[i], &a->dest, &d) != 0) {
			fprintf(stderr, "tterm: bad destination '%s': use"
			    " [user@]host[:port] or ssh://[user@]host[:port]\n",
			    argv[i]);
			return (MAIN_BAD);
		}
		free(d.host);
		free(d.user);
	}
	return (0);
}

/* A tab could not open: the screen goes, the cause is said; 1. */
static int
main_fail(char *cause)
{
	ui_end();
	fprintf(stderr, "tterm: %s\n", cause);
	free(cause);
	return (1);
}

/*
 * Tabs from the start-up profile: one, or one per -e command when the
 * profile names no destination (each command takes the profile).
 */
static int
main_open_profile(struct main_args *a, struct profile *prof,
    struct ttcmd *tc)
{
	struct profile	*p;
	char		*cause;
	int		 i;

	if (a->ncmds == 0 || prof->serial ||
	    (prof->host != NULL && *prof->host != '\0')) {
		if (open_profile(prof, tc, &a->dest, &cause) == NULL)
			return (main_fail(cause));
		/* The commands run in local tabs beside it. */
		for (i = 0; i < a->ncmds; i++) {
			if (tab_new_local(a->cmds[i], &cause) == NULL)
				return (main_fail(cause));
		}
		return (0);
	}
	for (i = 0; i < a->ncmds; i++) {
		p = profile_copy(prof);
		p->command = xstrdup(a->cmds[i]);
		/* The file's problems are said once, in the first. */
		if (i == 0 && prof->report.data != NULL)
			prof_note(p, "%s", prof->report.data);
		if (open_profile(p, tc, &a->dest, &cause) == NULL) {
			profile_free(prof);
			return (main_fail(cause));
		}
	}
	profile_free(prof);
	return (0);
}

/* One destination from the command line: serial:, rfc2217:// or SSH. */
static int
main_open_dest(struct main_args *a, const char *arg)
{
	struct sshdest	 d;
	struct tab	*t;
	char		*rhost, *cause;
	u_int		 rport;

	if (strncmp(arg, "rfc2217://", 10) == 0) {
		main_rfc2217(arg, &rhost, &rport);
		t = tab_new_rfc2217(rhost, rport, &a->line, &a->dest, &cause);
		free(rhost);
	} else if (strncmp(arg, "serial:", 7) == 0) {
		a->line.path = (char *)arg + 7;
		t = tab_new_serial(&a->line, &cause);
	} else {
		main_dest_fill(arg, &a->dest, &d);
		t = tab_new_ssh(&d, &cause);
		free(d.host);
		free(d.user);
	}
	return (t == NULL ? main_fail(cause) : 0);
}

/*
 * The tabs of a command line without a profile: each -e command, each
 * destination, else the user's shell.
 */
static int
main_open_args(struct main_args *a, int argc, char **argv)
{
	char		*cause;
	int		 i;

	for (i = 0; i < a->ncmds || (i == 0 && argc == 0); i++) {
		if (tab_new_local(a->ncmds > 0 ? a->cmds[i] : NULL,
		    &cause) == NULL)
			return (main_fail(cause));
	}
	for (i = 0; i < argc; i++) {
		if (main_open_dest(a, argv[i]) != 0)
			return (1);
	}
	return (0);
}

/* --encoding and friends, for the tabs not opened from a profile. */
static int
main_charsets(struct main_args *a)
{
	struct tab	*t;
	char		*cause;

	for (t = tabs; (a->given & (G_KR | G_KT)) && t != NULL; t = t->next) {
		if (t->prof == NULL && tab_set_charsets(t, a->kanji[0],
		    a->kanji[1], &cause) != 0)
			return (main_fail(cause));
	}
	return (0);
}

/* Before the screen is taken: a terminal, the theme, the debug log. */
static int
main_prepare(void)
{
	char	*cause;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "tterm: standard input and output must be"
		    " a terminal\n");
		return (1);
	}
	if (opts.theme != NULL && theme_load(opts.theme, &cause) != 0) {
		fprintf(stderr, "tterm: %s\n", cause);
		free(cause);
		return (1);
	}
	log_open(opts.logfile);
	loop_signals();
	return (0);
}

/*
 * The start-up profile (-P, a Tera Term command line, or -o): the file or
 * tterm's defaults, the command line's options over it, -o keys last.
 */
static struct profile *
main_profile(struct main_args *a, int argc, char **argv, struct ttcmd *tc)
{
	struct profile	*prof;
	char		*cause;
	int		 i;

	if ((prof = cmdline_profile(a->profile_name, a->codepage, argc, argv,
	    tc)) == NULL)
		return (NULL);
	cmdline_overrides(prof, a->given, &a->dest, &a->line, a->kanji);
	for (i = 0; i < a->nkeys; i++) {
		if (cmdline_option(prof, a->keys[i], &cause) != 0) {
			fprintf(stderr, "tterm: %s\n", cause);
			free(cause);
			profile_free(prof);
			tc->p = NULL;
			return (NULL);
		}
	}
	return (prof);
}

int
main(int argc, char **argv)
{
	struct main_args a;
	struct profile	*prof = NULL;
	struct ttcmd	 tc;
	const char	*s;
	int		 status;

	setlocale(LC_ALL, "");
	memset(&tc, 0, sizeof tc);
	if ((s = getenv("TTERM_FRAME_BYTES")) != NULL)
		opts.frame_bytes = strtoul(s, NULL, 10);
	if ((status = main_options(&a, argc, argv)) != 0) {
		status = status == MAIN_DONE ? 0 : status;
		goto out;
	}
	argc -= optind;
	argv += optind;
	if (a.action != 0) {
		status = cmdline_action(a.action, a.action_arg, a.codepage);
		goto out;
	}
	if (a.profile_name != NULL || a.nkeys > 0 ||
	    cmdline_teraterm_style(argc, argv)) {
		if ((prof = main_profile(&a, argc, argv, &tc)) == NULL) {
			status = MAIN_BAD;
			goto out;
		}
	} else if ((status = main_check_dests(&a, argc, argv)) != 0)
		goto out;
	if ((status = main_prepare()) != 0)
		goto out;

	ui_start();
	frame_start();
	/* The connection dialog offers the start-up profile's settings. */
	dialog_init(prof, &a.dest);
	if (prof != NULL)
		status = main_open_profile(&a, prof, &tc);
	else
		status = main_open_args(&a, argc, argv);
	if (status == 0)
		status = main_charsets(&a);
	/* The connection has its own copy of a password. */
	freezero_str(tc.password);
	tc.password = NULL;
	if (status == 0) {
		tab_select(tabs);
		loop_run();
	}
	while (tabs != NULL)
		tab_close(tabs);
	dialog_free();
	frame_end();
	if (sig_term != 0)
		log_debug("%s: signal %d", __func__, (int)sig_term);
	log_close();
out:
	free(a.cmds);
	free(a.keys);
	ttcmd_clear(&tc);
	free(a.dest.ids);
	free(a.dest.forwarding);
	return (status);
}
