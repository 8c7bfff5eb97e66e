/*
 * main.c: the command line, signals, and the program's start and end.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tterm.h"

/*
 * The help, by part: each part is translated whole, so a translation lines
 * up its own columns (within 80 of them).
 */
static const char *main_usage[] = {
	N_(
"usage: tterm [options] [-e command]... [destination]...\n"
"\n"
"With no command and no destination, tterm opens one tab running your\n"
"$SHELL. A destination, ssh://[user@]host[:port] or [user@]host[:port],\n"
"opens an SSH tab.\n"
"\n"),
	N_(
"  -e, --execute CMD     open a tab running CMD (sh -c CMD); repeatable\n"
"  -l USER               SSH user name\n"
"  -p PORT               SSH port\n"
"  -i FILE               SSH private key file; repeatable\n"
"  -A                    forward the SSH agent ($SSH_AUTH_SOCK)\n"
"  -L [ADDR:]PORT:HOST:HOSTPORT  connections to PORT here go to HOST:HOSTPORT\n"
"                        as the server sees it; repeatable\n"
"  -R [ADDR:]PORT:HOST:HOSTPORT  connections to PORT on the server go to\n"
"                        HOST:HOSTPORT as seen from here; repeatable\n"
"  -D [ADDR:]PORT        a SOCKS4/5 proxy on PORT here: connections go\n"
"                        where each client asks, as the server sees it;\n"
"                        repeatable\n"
"  -J [USER@]HOST[:PORT][,...]  reach the destination (SSH or rfc2217://)\n"
"                        through these jump hosts, the first dialled first;\n"
"                        tabs share one login per jump host\n"
"  -F FILE               SSH configuration file (default ~/.ssh/config)\n"
"      --no-ssh-config   do not read an SSH configuration file\n"
"      --connect-timeout SECS   give up connecting after SECS (10)\n"
"      --server-timeout SECS    give up on a silent server after SECS (30)\n"
"      --keepalive SECS  probe a silent server every SECS (60; 0: never)\n"
"      --tcp-keepalive   also turn on TCP keepalive\n"
"      --diagnose        check the way to the SSH destination step by step\n"
"                        (name, TCP, greeting, key exchange, host key, the\n"
"                        ways in) without logging in; the exit status is\n"
"                        the step that failed (tterm(1))\n"
"\n"),
	N_(
"A destination serial:/dev/ttyUSB0 opens a serial console tab:\n"
"      --speed N         bits per second (9600)\n"
"      --line 8N1        data bits, parity (N E O M S), stop bits\n"
"      --flow MODE       none, xonxoff (handled and shown by tterm), rtscts\n"
"      --char-delay MS, --line-delay MS   pause after each character or line\n"
"      --send-newline cr|crlf|lf, --receive-newline cr|crlf|lf|auto\n"
"      --local-echo      show typed text in the tab\n"
"\n"),
	N_(
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
"\n"),
	N_(
"Macros (Tera Term's TTL, tterm(1) lists the commands):\n"
"      --macro FILE [ARG]...  run FILE in the first tab (its param2...);\n"
"                        without a destination its connect opens the tab\n"
"      /M=FILE           Tera Term's way; the profile's StartupMacro too\n"
"\n"),
	N_(
"The character set of every tab the command line opens (UTF-8 by default):\n"
"      --encoding CODE   both ways: SJIS, EUC-JP, JIS, KOI8-R, CP437, ...\n"
"      --kanji-receive CODE, --kanji-send CODE   one way each\n"
"      /KR=CODE /KT=CODE Tera Term's way\n"
"\n"),
	N_(
"      --prefix KEY      the prefix key, as C-x or ^x (default C-])\n"
"      --scrollback N    lines of scrollback per tab (default 10000)\n"
"      --term NAME       TERM given to programs (default xterm-256color)\n"
"      --theme NAME      colours of the bars: a theme name or a file\n"
"      --no-mouse        leave the mouse to the outer terminal\n"
"      --log FILE        write a debug log to FILE (mode 0600)\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"),
	N_(
"Keys: press the prefix (Ctrl+] unless changed), then c new connection,\n"
"o the tab's settings, S save them, n/p next and previous, 1-9 select,\n"
"x close, [ scrollback, m run a macro, . stop it, ? help, q quit.\n")
};

static void
usage(FILE *f)
{
	size_t	i;

	for (i = 0; i < sizeof main_usage / sizeof main_usage[0]; i++)
		fputs(_(main_usage[i]), f);
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

/* A character set name, or NULL after saying which ones there are. */
static const char *
main_charset(const char *name)
{
	const char	*cs;
	char		*names;

	if ((cs = codec_lookup(name)) != NULL)
		return (cs);
	names = codec_names();
	fprintf(stderr, _("tterm: unknown character set '%s': use one of %s\n"),
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
#define OPT_DIAGNOSE	262

static const struct option main_longopts[] = {
	{ "execute", required_argument, NULL, 'e' },
	{ "macro", required_argument, NULL, 'M' },
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
	{ "diagnose", no_argument, NULL, OPT_DIAGNOSE },
	{ "no-ssh-config", no_argument, NULL, 'N' },
	{ "connect-timeout", required_argument, NULL, 'C' },
	{ "server-timeout", required_argument, NULL, 'W' },
	{ "keepalive", required_argument, NULL, 'K' },
	{ "option", required_argument, NULL, 'o' },
	{ "tcp-keepalive", no_argument, NULL, 'k' },
	{ "no-mouse", no_argument, NULL, 'm' },
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
	char		**sets;		/* KEY=VALUE: the options' profile keys */
	int		 nsets;
	char		*ids;		/* -i, ';' between them */
	char		*forwarding;	/* -L, -R, -D: added to the profile's */
	const char	**cmds;		/* -e */
	int		*cmd_at;	/* how many destinations came before */
	int		 ncmds;
	char		**pos;		/* the other arguments, in order */
	int		 npos;
	const char	**keys;		/* -o KEY=VALUE */
	int		 nkeys;
	const char	*profile_name;	/* -P */
	const char	*codepage;	/* -G */
	const char	*macro;		/* --macro FILE */
	int		 action;	/* --import, --dump-profile, --list-keys */
	const char	*action_arg;
	int		 ssh_opt;	/* -l, -i, -J, -A, -L, -R, -D: an SSH tab */
	int		 diagnose;	/* --diagnose */
};

/* The status main() returns after a bad option (a message said why). */
#define MAIN_BAD	2
/* An option that ends the program at once (--help, --version). */
#define MAIN_DONE	-1

/* An option sets a profile key (applied in order, before -o). */
static int
main_set(struct main_args *a, const char *fmt, ...)
{
	va_list	ap;

	a->sets = xreallocarray(a->sets, a->nsets + 1, sizeof *a->sets);
	va_start(ap, fmt);
	xvasprintf(&a->sets[a->nsets++], fmt, ap);
	va_end(ap);
	return (0);
}

/* A number option in [min, max], or MAIN_BAD with the words for it. */
static int
main_number_opt(const char *arg, long min, long max, const char *what,
    long *n)
{
	if ((*n = main_number(arg, min, max)) >= 0)
		return (0);
	/* TRANSLATORS: the first %s is what the number is ("port"). */
	fprintf(stderr, _("tterm: bad %s '%s'\n"), what, arg);
	return (MAIN_BAD);
}

static int	main_opt_timers(struct main_args *, int, char *);
static int	main_opt_line(struct main_args *, int, char *);

/* SSH options; 1 if ch is not one of them. */
static int
main_opt_ssh(struct main_args *a, int ch, char *arg)
{
	long	n;

	switch (ch) {
	case 'l':
		a->ssh_opt = 1;
		main_set(a, "DefaultUserName=%s", arg);
		return (main_set(a, "DefaultUserType=1"));
	case 'p':
		if (main_number_opt(arg, 1, 65535, _("port"), &n) != 0)
			return (MAIN_BAD);
		return (main_set(a, "TCPPort=%ld", n));
	case 'i':
		a->ssh_opt = 1;
		if (strchr(arg, ';') != NULL) {
			fprintf(stderr, _("tterm: a key file name with ';' in"
			    " it cannot be given\n"));
			return (MAIN_BAD);
		}
		xappendf(&a->ids, "%s%s", a->ids != NULL ? ";" : "", arg);
		return (0);
	case 'J':
		a->ssh_opt = 1;
		return (main_set(a, "ProxyJump=%s", arg));
	case 'A':
		a->ssh_opt = 1;
		return (main_set(a, "ForwardAgent=1"));
	case 'L':
	case 'R':
	case 'D':
		a->ssh_opt = 1;
		/* As Tera Term's DefaultForwarding writes them. */
		xappendf(&a->forwarding, "%s%c%s", a->forwarding != NULL ?
		    ";" : "", ch, arg);
		return (0);
	case 'F':
		return (main_set(a, "SSHConfig=%s", arg));
	case 'N':
		return (main_set(a, "SSHConfig=none"));
	case 'm':
		return (main_set(a, "Mouse=off"));
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
		if (main_number_opt(arg, 1, 3600, _("timeout"), &n) != 0)
			return (MAIN_BAD);
		return (main_set(a, "%s=%ld", ch == 'C' ? "ConnectingTimeout" :
		    "ServerTimeout", n));
	case 'K':
		if (main_number_opt(arg, 0, 3600, _("keepalive"), &n) != 0)
			return (MAIN_BAD);
		return (main_set(a, "HeartBeat=%ld", n));
	case 'k':
		return (main_set(a, "TCPKeepAlive=on"));
	}
	return (1);
}

/* Serial line options; 1 if ch is not one of them. */
static int
main_opt_serial(struct main_args *a, int ch, char *arg)
{
	struct serial_opts	 l;
	long			 n;

	switch (ch) {
	case 's':
		if (main_number_opt(arg, 50, 4000000, _("speed"), &n) != 0)
			return (MAIN_BAD);
		return (main_set(a, "BaudRate=%ld", n));
	case 'x':
		if (serial_parse_line(arg, &l) != 0) {
			fprintf(stderr, _("tterm: bad line '%s': use data"
			    " bits, parity, stop bits as 8N1\n"), arg);
			return (MAIN_BAD);
		}
		main_set(a, "DataBit=%d", l.databits);
		main_set(a, "Parity=%s", l.parity == 'N' ? "none" :
		    l.parity == 'O' ? "odd" : l.parity == 'E' ? "even" :
		    l.parity == 'M' ? "mark" : "space");
		return (main_set(a, "StopBit=%d", l.stopbits));
	case 'c':
	case 'y':
		if (main_number_opt(arg, 0, 10000, _("delay (ms)"),
		    &n) != 0)
			return (MAIN_BAD);
		return (main_set(a, "%s=%ld", ch == 'c' ? "DelayPerChar" :
		    "DelayPerLine", n));
	case 'E':
		return (main_set(a, "LocalEcho=on"));
	}
	return (main_opt_line(a, ch, arg));
}

/* Newlines and flow control, of serial lines (and telnet, by profile). */
static int
main_opt_line(struct main_args *a, int ch, char *arg)
{
	static const char *nl[] = { "CR", "CRLF", "LF", "AUTO" };
	int			 n;

	switch (ch) {
	case 'n':
	case 'r':
		if ((n = main_newline(arg)) < 0 ||
		    (ch == 'n' && n == PROF_NL_AUTO)) {
			fprintf(stderr, _("tterm: bad newline '%s': cr, crlf"
			    " or lf\n"), arg);
			return (MAIN_BAD);
		}
		return (main_set(a, "%s=%s", ch == 'n' ? "CRSend" :
		    "CRReceive", nl[n]));
	case 'f':
		if (strcmp(arg, "none") == 0 || strcmp(arg, "rtscts") == 0)
			return (main_set(a, "FlowCtrl=%s", arg));
		if (strcmp(arg, "xonxoff") == 0)
			return (main_set(a, "FlowCtrl=x"));
		fprintf(stderr, _("tterm: bad flow '%s': none, xonxoff or"
		    " rtscts\n"), arg);
		return (MAIN_BAD);
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
		if (ch != OPT_KANJI_SEND)
			main_set(a, "KanjiReceive=%s", cs);
		if (ch != OPT_KANJI_RECV)
			main_set(a, "KanjiSend=%s", cs);
		return (0);
	case 'I':
	case OPT_DUMP:
	case 'O':
		a->action = ch;
		a->action_arg = arg;
		return (0);
	case 'G':
		if (prof_codepage_ok(arg) != 0) {
			fprintf(stderr, _("tterm: unknown code page '%s':"
			    " CP932, CP1252, CP1251, CP949, CP936 or CP950\n"),
			    arg);
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
		a->cmd_at = xreallocarray(a->cmd_at, a->ncmds + 1,
		    sizeof *a->cmd_at);
		a->cmd_at[a->ncmds] = a->npos;
		a->cmds[a->ncmds++] = arg;
		return (0);
	case OPT_PREFIX:
		if ((opts.prefix = keys_parse_prefix(arg)) == -1) {
			fprintf(stderr, _("tterm: bad prefix key '%s': use a"
			    " control key such as C-] or ^a\n"), arg);
			return (MAIN_BAD);
		}
		return (0);
	case 'S':
		if (main_number_opt(arg, 0, 1000000,
		    _("scrollback (0 to 1000000 lines)"), &n) != 0)
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
	case OPT_DIAGNOSE:
		a->diagnose = 1;
		return (0);
	case 'M':
		a->macro = arg;
		return (0);
	case 'h':
		usage(stdout);
		return (MAIN_DONE);
	case 'V':
		printf("tterm %s\n", PACKAGE_VERSION);
		return (MAIN_DONE);
	}
	return (MAIN_BAD);	/* main_options() took the others */
}

/*
 * The long option a word names ("--NAME" or "--NAME=VALUE", NAME whole or
 * a prefix of one option only), or NULL; *n: how many NAME begins.
 */
static const struct option *
main_longopt(const char *word, int *n)
{
	const struct option	*o, *found = NULL;
	size_t			 len;

	*n = 0;
	if (strncmp(word, "--", 2) != 0)
		return (NULL);
	word += 2;
	len = strcspn(word, "=");
	for (o = main_longopts; o->name != NULL; o++) {
		if (strncmp(o->name, word, len) != 0)
			continue;
		if (o->name[len] == '\0') {
			*n = 1;
			return (o);
		}
		found = o;
		(*n)++;
	}
	return (*n == 1 ? found : NULL);
}

/*
 * What getopt found wrong, in words of our own (its own are not all in
 * the C library's catalogues), then one line of usage, not the whole
 * help. The word at optind - 1 is the option's unless a short option in
 * the middle of a group was wrong.
 */
static int
main_bad_option(int ch, char **argv)
{
	const char		*word = argv[optind - 1];
	const struct option	*o;
	int			 n, len = strcspn(word, "=");

	o = main_longopt(word, &n);
	if (ch == ':' && o != NULL)
		fprintf(stderr, _("tterm: option '%.*s' requires an"
		    " argument\n"), len, word);
	else if (ch == ':')
		fprintf(stderr, _("tterm: option requires an argument --"
		    " '%c'\n"), optopt);
	else if (optopt != 0 && o != NULL && o->val == optopt)
		fprintf(stderr, _("tterm: option '%.*s' doesn't allow an"
		    " argument\n"), len, word);
	else if (optopt != 0)
		fprintf(stderr, _("tterm: invalid option -- '%c'\n"), optopt);
	else if (n > 1)
		fprintf(stderr, _("tterm: option '%.*s' is ambiguous\n"), len,
		    word);
	else
		fprintf(stderr, _("tterm: unrecognized option '%s'\n"), word);
	fprintf(stderr, _("usage: tterm [options] [-e command]..."
	    " [destination]... (tterm --help lists the options)\n"));
	return (MAIN_BAD);
}

/* An argument that is not an option; the list ends with NULL, as argv. */
static void
main_positional(struct main_args *a, char *arg)
{
	a->pos = xreallocarray(a->pos, a->npos + 2, sizeof *a->pos);
	a->pos[a->npos++] = arg;
	a->pos[a->npos] = NULL;
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
	/* "-": the other arguments come in order (ch 1), so that tabs open
	 * in the order of -e and destinations on the line; ":": a missing
	 * argument is ':', and getopt says nothing itself. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "-:AD:e:F:hi:J:L:l:o:P:p:R:V",
	    main_longopts, NULL)) != -1) {
		if (ch == 1) {
			main_positional(a, optarg);
			continue;
		}
		if (ch == '?' || ch == ':')
			return (main_bad_option(ch, argv));
		if ((rc = main_opt_ssh(a, ch, optarg)) == 1 &&
		    (rc = main_opt_serial(a, ch, optarg)) == 1 &&
		    (rc = main_opt_profile(a, ch, optarg)) == 1)
			rc = main_opt_program(a, ch, optarg);
		if (rc != 0)
			return (rc);
	}
	while (optind < argc)	/* after "--" */
		main_positional(a, argv[optind++]);
	if (a->pos == NULL)
		a->pos = xcalloc(1, sizeof *a->pos);
	return (0);
}

/*
 * A command line destination into a copy of the start-up profile: an SSH
 * host ([user@]host[:port], ssh://), serial:DEVICE or rfc2217://host:port
 * (a serial line whose Device names the server). -1 if it is not one.
 */
static int
main_dest_profile(struct profile *p, const char *arg)
{
	struct sshdest	 d;
	char		*host;
	u_int		 port;

	if (strncmp(arg, "rfc2217://", 10) == 0 ||
	    (strncmp(arg, "serial:", 7) == 0 && arg[7] != '\0')) {
		if (*arg == 'r' && dest_rfc2217_parse(arg, &host, &port) != 0)
			return (-1);
		if (*arg == 'r')
			free(host);
		p->serial = 1;
		free(p->device);
		p->device = xstrdup(*arg == 'r' ? arg : arg + 7);
		return (0);
	}
	memset(&d, 0, sizeof d);
	if (main_dest(arg, &d) != 0) {
		free(d.host);
		free(d.user);
		return (-1);
	}
	p->serial = 0;
	p->ssh = 1;
	free(p->host);
	p->host = d.host;
	if (d.port != 0) {
		p->tcp_port = d.port;
		p->port_given = 1;
	}
	if (d.user != NULL) {
		free(p->user);
		p->user = d.user;
		p->user_type = 1;
	}
	return (0);
}

/* Every destination is checked before the screen is taken. */
static int
main_check_dests(struct profile *base, int argc, char **argv)
{
	struct profile	*p;
	int		 i, bad;

	for (i = 0; i < argc; i++) {
		p = profile_copy(base);
		bad = main_dest_profile(p, argv[i]);
		profile_free(p);
		if (bad == 0)
			continue;
		if (strncmp(argv[i], "rfc2217://", 10) == 0)
			fprintf(stderr, _("tterm: bad '%s': use"
			    " rfc2217://host:port\n"), argv[i]);
		else
			fprintf(stderr, _("tterm: bad destination '%s': use"
			    " [user@]host[:port] or"
			    " ssh://[user@]host[:port]\n"), argv[i]);
		return (MAIN_BAD);
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

/* A local tab running cmd (NULL: the shell) with the profile's settings. */
static int
main_open_local(const struct profile *base, const char *cmd)
{
	struct profile	*p = profile_copy(base);
	char		*cause;

	/* Settings are the profile's; what runs and the title are not. */
	p->serial = 0;
	free(p->host);
	free(p->command);
	free(p->title);
	p->host = p->title = NULL;
	p->command = cmd != NULL ? xstrdup(cmd) : NULL;
	if (open_profile(p, NULL, &cause) == NULL)
		return (main_fail(cause));
	return (0);
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
		/* The commands run in local tabs beside it, with its
		 * settings (a copy: the first tab takes prof). */
		p = profile_copy(prof);
		if (open_profile(prof, tc, &cause) == NULL) {
			profile_free(p);
			return (main_fail(cause));
		}
		for (i = 0; i < a->ncmds; i++) {
			if (main_open_local(p, a->cmds[i]) != 0) {
				profile_free(p);
				return (1);
			}
		}
		profile_free(p);
		return (0);
	}
	for (i = 0; i < a->ncmds; i++) {
		p = profile_copy(prof);
		p->command = xstrdup(a->cmds[i]);
		/* The file's problems are said once, in the first. */
		if (i == 0 && prof->report.data != NULL)
			prof_note(p, "%s", prof->report.data);
		if (open_profile(p, tc, &cause) == NULL) {
			profile_free(prof);
			return (main_fail(cause));
		}
	}
	profile_free(prof);
	return (0);
}

/*
 * The tabs of a command line without a profile: each -e command, each
 * destination, else the user's shell; each a copy of the start-up
 * profile, which holds the options.
 */
static int
main_open_args(struct main_args *a, struct profile *base, int argc,
    char **argv)
{
	struct profile	*p;
	char		*cause;
	int		 i, c;

	if (a->ncmds == 0 && argc == 0)
		return (main_open_local(base, NULL));
	/* In the order of the line: each -e before the destinations that
	 * came after it. */
	for (i = 0, c = 0; i <= argc; i++) {
		for (; c < a->ncmds && (a->cmd_at[c] <= i || i == argc); c++) {
			if (main_open_local(base, a->cmds[c]) != 0)
				return (1);
		}
		if (i == argc)
			break;
		p = profile_copy(base);
		main_dest_profile(p, argv[i]);	/* checked before */
		if (open_profile(p, NULL, &cause) == NULL)
			return (main_fail(cause));
	}
	return (0);
}

/* The macro to run at start-up: --macro, /M=, else StartupMacro. */
static char *
main_macro_file(const struct main_args *a, const struct ttcmd *tc,
    const struct profile *prof)
{
	if (a->macro != NULL)
		return (xstrdup(a->macro));
	if (tc->macro != NULL)
		return (xstrdup(tc->macro));
	if (prof->startup_macro != NULL && *prof->startup_macro != '\0')
		return (xstrdup(prof->startup_macro));
	return (NULL);
}

/* Whether the command line names a destination (else a macro's connect
 * does). */
static int
main_has_dest(int tt, const struct profile *prof, int argc)
{
	if (tt)
		return (prof->serial || (prof->host != NULL &&
		    *prof->host != '\0'));
	return (argc > 0);
}

/* A tab for a macro to connect: not connected until it does. */
static void
main_open_idle(struct profile *prof, const char *macro)
{
	const char	*slash = strrchr(macro, '/');
	char		*title;
	struct tab	*t;

	xasprintf(&title, _("macro %s"), slash != NULL ? slash + 1 : macro);
	t = tab_open_idle(prof, title);
	open_settings(t, prof);
	free(title);
}

/* Before the screen is taken: a terminal, the theme, the debug log. */
static int
main_prepare(void)
{
	char	*cause;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("tterm: standard input and output must be"
		    " a terminal\n"));
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
 * The start-up profile: from -P or a Tera Term command line (tt), else
 * tterm's defaults for SSH; the options' keys over it, -o keys last.
 */
/* Whether a destination of a Tera Term style line names its user. */
static int
main_user_at(int argc, char **argv)
{
	int	i;

	for (i = 0; i < argc; i++) {
		if (argv[i][0] != '/' && strchr(argv[i], '@') != NULL)
			return (1);
	}
	return (0);
}

static struct profile *
main_profile(struct main_args *a, int tt, int argc, char **argv,
    struct ttcmd *tc)
{
	struct profile	*prof;
	char		*cause;
	int		 i;

	if (!tt) {
		prof = profile_new("");
		prof->ssh = 1;
		prof->heartbeat = 60;	/* --keepalive's default */
	} else if ((prof = cmdline_profile(a->profile_name, a->codepage, argc,
	    argv, tc)) == NULL)
		return (NULL);
	/* tterm's own SSH options (or user@host) make an SSH tab whatever
	 * the file's protocol, unless the line asks for telnet or serial. */
	if (tt && (a->ssh_opt || main_user_at(argc, argv)) && !prof->serial &&
	    !tc->telnet)
		prof->ssh = 1;
	/* -A and -L/-R/-D add to the profile's, as /ssh-A and /ssh-L do. */
	if (a->forwarding != NULL)
		xappendf(&prof->forwarding, "%s%s", prof->forwarding != NULL &&
		    *prof->forwarding != '\0' ? ";" : "", a->forwarding);
	if (a->ids != NULL) {
		free(prof->ids);
		prof->ids = xstrdup(a->ids);
	}
	for (i = 0; i < a->nsets + a->nkeys; i++) {
		if (cmdline_option(prof, i < a->nsets ? a->sets[i] :
		    a->keys[i - a->nsets], &cause) != 0) {
			fprintf(stderr, "tterm: %s\n", cause);
			free(cause);
			profile_free(prof);
			tc->p = NULL;
			return (NULL);
		}
	}
	return (prof);
}

/* --diagnose: one SSH destination, from the line or the profile. */
static int
main_diagnose(struct profile *prof, int tt, int argc, char **argv)
{
	if (!tt && argc != 1) {
		fprintf(stderr, _("tterm: --diagnose takes one destination:"
		    " [user@]host[:port]\n"));
		return (MAIN_BAD);
	}
	if (!tt)
		main_dest_profile(prof, argv[0]);	/* checked before */
	if (prof->serial) {
		fprintf(stderr, _("tterm: --diagnose checks SSH"
		    " destinations\n"));
		return (MAIN_BAD);
	}
	log_open(opts.logfile);
	return (diagnose_run(prof));
}

/*
 * The message catalogues: beside the program when it runs from the build
 * tree (po/locale), else where make install put them.
 */
static void
main_textdomain(void)
{
	char	exe[PATH_MAX], *slash, *dir = NULL;
	ssize_t	n;

	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			xasprintf(&dir, "%s/po/locale", exe);
			if (access(dir, R_OK | X_OK) != 0) {
				free(dir);
				dir = NULL;
			}
		}
	}
	bindtextdomain(PACKAGE, dir != NULL ? dir : TTERM_LOCALEDIR);
	textdomain(PACKAGE);
	free(dir);
}

int
main(int argc, char **argv)
{
	struct main_args a;
	struct profile	*prof = NULL;
	struct ttcmd	 tc;
	const char	*s;
	char		*macro = NULL, *cause, **margv = NULL;
	int		 status, tt, i, margc = 0;

	setlocale(LC_ALL, "");
	main_textdomain();
	memset(&tc, 0, sizeof tc);
	if ((s = getenv("TTERM_FRAME_BYTES")) != NULL)
		opts.frame_bytes = strtoul(s, NULL, 10);
	if ((status = main_options(&a, argc, argv)) != 0) {
		status = status == MAIN_DONE ? 0 : status;
		goto out;
	}
	argc = a.npos;
	argv = a.pos;
	if (a.action != 0) {
		status = cmdline_action(a.action, a.action_arg, a.codepage);
		goto out;
	}
	/* After --macro FILE, the arguments are the macro's (param2...). */
	if (a.macro != NULL) {
		margc = argc;
		margv = argv;
		argc = 0;
	}
	tt = a.profile_name != NULL || a.nkeys > 0 ||
	    cmdline_teraterm_style(argc, argv);
	if ((prof = main_profile(&a, tt, argc, argv, &tc)) == NULL) {
		status = MAIN_BAD;
		goto out;
	}
	if (!tt && (status = main_check_dests(prof, argc, argv)) != 0)
		goto out;
	if (a.diagnose) {
		status = main_diagnose(prof, tt, argc, argv);
		goto out;
	}
	if ((status = main_prepare()) != 0)
		goto out;

	opts.mouse = prof->mouse;
	ui_start();
	frame_start();
	/* The connection dialog offers the start-up profile's settings. */
	dialog_init(prof);
	macro = main_macro_file(&a, &tc, prof);
	if (macro != NULL && !main_has_dest(tt, prof, argc)) {
		/* The macro's tab first; -e commands open beside it. */
		main_open_idle(profile_copy(prof), macro);
		status = a.ncmds > 0 ? main_open_args(&a, prof, 0, NULL) : 0;
	} else if (tt) {
		status = main_open_profile(&a, prof, &tc);
		prof = NULL;	/* the tabs' now */
	} else
		status = main_open_args(&a, prof, argc, argv);
	/* The connection has its own copy of a password. */
	freezero_str(tc.password);
	tc.password = NULL;
	if (status == 0 && macro != NULL &&
	    macro_start(tabs, macro, margc, margv, &cause) != 0)
		status = main_fail(cause);
	free(macro);
	if (status == 0) {
		tab_select(tabs);
		loop_run();
	}
	if (status == 0)
		status = macro_exit_status();
	macro_stop_all();
	while (tabs != NULL)
		tab_close(tabs);
	dialog_free();
	frame_end();
	if (sig_term != 0)
		log_debug("%s: signal %d", __func__, (int)sig_term);
	log_close();
out:
	profile_free(prof);
	free(a.cmds);
	free(a.cmd_at);
	free(a.pos);
	free(a.keys);
	for (i = 0; i < a.nsets; i++)
		free(a.sets[i]);
	free(a.sets);
	free(a.ids);
	free(a.forwarding);
	ttcmd_clear(&tc);
	return (status);
}
