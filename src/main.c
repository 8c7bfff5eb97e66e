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

struct options opts = {
	.prefix = 0x1d,		/* Ctrl+] */
	.scrollback = 10000,
	.term = "xterm-256color",
};

volatile sig_atomic_t sig_winch, sig_chld, sig_term;

static void
usage(FILE *f)
{
	fprintf(f,
"usage: tterm [options] [-e command]... [destination]...\n"
"\n"
"With no command and no destination, tterm opens one tab running your\n"
"$SHELL. A destination, ssh://[user@]host[:port] or [user@]host, opens an\n"
"SSH tab.\n"
"\n"
"  -e, --execute CMD     open a tab running CMD (sh -c CMD); repeatable\n"
"  -l USER               SSH user name\n"
"  -p PORT               SSH port\n"
"  -i FILE               SSH private key file; repeatable\n"
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
"      --send-newline cr|crlf|lf, --receive-newline cr|crlf|lf, --local-echo\n"
"      /C=N /BAUD=N      Tera Term's way: COMn is /dev/ttyS(n-1)\n"
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
"Keys: press the prefix (Ctrl+] unless changed), then c new tab, n/p next\n"
"and previous, 1-9 select, x close, [ scrollback, ? help, q quit.\n");
}

static long	main_number(const char *, long, long);

/* Tera Term's spelling of a character set name, or NULL after an error. */
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

/* Give a tab just opened (or NULL if that failed) its character sets. */
static struct tab *
main_charsets(struct tab *t, const char **kanji, char **cause)
{
	if (t != NULL && tab_set_charsets(t, kanji[0], kanji[1], cause) != 0)
		return (NULL);
	return (t);
}

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
	return (-1);
}

/*
 * Tera Term's serial arguments: /C=N (COMn is /dev/ttyS(n-1)) and
 * /BAUD=N; and its character sets, /KR=CODE and /KT=CODE (kanji[0] and
 * kanji[1]). Returns 1 if arg was one of them, -1 if its value is bad, -2
 * if that was already said.
 */
static int
main_teraterm_arg(const char *arg, struct serial_opts *line, char **com,
    const char **kanji)
{
	const char	*cs;
	long		 n;

	if (strncasecmp(arg, "/KR=", 4) == 0 ||
	    strncasecmp(arg, "/KT=", 4) == 0) {
		if ((cs = main_charset(arg + 4)) == NULL)
			return (-2);
		kanji[toupper((u_char)arg[2]) == 'R' ? 0 : 1] = cs;
		return (1);
	}

	if (strncasecmp(arg, "/C=", 3) == 0) {
		if ((n = main_number(arg + 3, 1, 256)) < 0)
			return (-1);
		free(*com);
		xasprintf(com, "serial:/dev/ttyS%ld", n - 1);
		return (1);
	}
	if (strncasecmp(arg, "/BAUD=", 6) == 0) {
		if ((n = main_number(arg + 6, 50, 4000000)) < 0)
			return (-1);
		line->speed = n;
		return (1);
	}
	return (0);
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
 * Parse ssh://[user@]host[:port] or [user@]host into d: host always, user
 * and port when the destination names them (allocated strings).
 */
static int
main_dest(const char *arg, struct ssh_dest *d)
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
		colon = url ? memchr(p, ':', end - p) : NULL;
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
main_dest_fill(const char *arg, const struct ssh_dest *base,
    struct ssh_dest *d)
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

static void
sig_handler(int sig)
{
	switch (sig) {
	case SIGWINCH:
		sig_winch = 1;
		break;
	case SIGCHLD:
		sig_chld = 1;
		break;
	default:
		sig_term = sig;
		break;
	}
}

/* Handlers set flags; the signals stay blocked except inside ppoll(). */
static void
signals_setup(void)
{
	static const int sigs[] = { SIGWINCH, SIGCHLD, SIGTERM, SIGHUP,
	    SIGINT, SIGQUIT };
	struct sigaction sa;
	sigset_t	 set;
	u_int		 i;

	sigemptyset(&set);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sig_handler;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&set, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "execute", required_argument, NULL, 'e' },
		{ "prefix", required_argument, NULL, 'P' },
		{ "scrollback", required_argument, NULL, 'S' },
		{ "term", required_argument, NULL, 'T' },
		{ "theme", required_argument, NULL, 't' },
		{ "log", required_argument, NULL, 'L' },
		{ "no-ssh-config", no_argument, NULL, 'N' },
		{ "connect-timeout", required_argument, NULL, 'C' },
		{ "server-timeout", required_argument, NULL, 'W' },
		{ "keepalive", required_argument, NULL, 'K' },
		{ "tcp-keepalive", no_argument, NULL, 'k' },
		{ "speed", required_argument, NULL, 's' },
		{ "line", required_argument, NULL, 'x' },
		{ "flow", required_argument, NULL, 'f' },
		{ "char-delay", required_argument, NULL, 'c' },
		{ "line-delay", required_argument, NULL, 'y' },
		{ "send-newline", required_argument, NULL, 'n' },
		{ "receive-newline", required_argument, NULL, 'r' },
		{ "local-echo", no_argument, NULL, 'E' },
		{ "encoding", required_argument, NULL, 'U' },
		{ "kanji-receive", required_argument, NULL, 'J' },
		{ "kanji-send", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char	**cmds = NULL;
	struct ssh_dest	  dest, d;
	struct serial_opts line;
	char		 *cause = NULL;
	const char	 *s, *cs;
	const char	 *kanji[2] = { "UTF-8", "UTF-8" };	/* receive, send */
	char		 *com = NULL, *rhost = NULL;
	u_int		  rport = 0;
	long		  n;
	int		  k;
	int		  ch, ncmds = 0, i, ndests, status = 0;

	setlocale(LC_ALL, "");
	if ((s = getenv("TTERM_FRAME_BYTES")) != NULL)
		opts.frame_bytes = strtoul(s, NULL, 10);
	memset(&dest, 0, sizeof dest);
	memset(&line, 0, sizeof line);
	line.speed = 9600;
	serial_parse_line("8N1", &line);
	dest.use_config = 1;
	dest.keepalive = 60;	/* as Tera Term's HeartBeat */
	while ((ch = getopt_long(argc, argv, "e:F:hi:l:p:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'l':
			dest.user = optarg;
			break;
		case 'p':
			if ((n = main_number(optarg, 1, 65535)) < 0) {
				fprintf(stderr, "tterm: bad port '%s'\n",
				    optarg);
				return (2);
			}
			dest.port = n;
			break;
		case 'i':
			if (dest.nids == SSH_MAX_IDS)
				break;
			dest.ids = xreallocarray(dest.ids, dest.nids + 1,
			    sizeof *dest.ids);
			dest.ids[dest.nids++] = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "none") == 0)
				dest.use_config = 0;
			else
				dest.config = optarg;
			break;
		case 'N':
			dest.use_config = 0;
			break;
		case 'C':
			if ((n = main_number(optarg, 1, 3600)) < 0) {
				fprintf(stderr, "tterm: bad timeout '%s'\n",
				    optarg);
				return (2);
			}
			dest.connect_timeout = n;
			break;
		case 'k':
			dest.tcp_keepalive = 1;
			break;
		case 's':
			if ((n = main_number(optarg, 50, 4000000)) < 0) {
				fprintf(stderr, "tterm: bad speed '%s'\n",
				    optarg);
				return (2);
			}
			line.speed = n;
			break;
		case 'x':
			if (serial_parse_line(optarg, &line) != 0) {
				fprintf(stderr, "tterm: bad line '%s': use"
				    " data bits, parity, stop bits as 8N1\n",
				    optarg);
				return (2);
			}
			break;
		case 'c':
		case 'y':
			if ((n = main_number(optarg, 0, 10000)) < 0) {
				fprintf(stderr, "tterm: bad delay '%s' (ms)\n",
				    optarg);
				return (2);
			}
			if (ch == 'c')
				line.char_delay = n;
			else
				line.line_delay = n;
			break;
		case 'n':
		case 'r':
			if ((n = main_newline(optarg)) < 0) {
				fprintf(stderr, "tterm: bad newline '%s': cr,"
				    " crlf or lf\n", optarg);
				return (2);
			}
			if (ch == 'n')
				line.send_nl = n;
			else
				line.recv_nl = n;
			break;
		case 'E':
			line.local_echo = 1;
			break;
		case 'U':
		case 'J':
		case 'j':
			if ((cs = main_charset(optarg)) == NULL)
				return (2);
			if (ch != 'j')
				kanji[0] = cs;
			if (ch != 'J')
				kanji[1] = cs;
			break;
		case 'f':
			if (strcmp(optarg, "none") == 0)
				line.flow = SERIAL_FLOW_NONE;
			else if (strcmp(optarg, "xonxoff") == 0)
				line.flow = SERIAL_FLOW_XONXOFF;
			else if (strcmp(optarg, "rtscts") == 0)
				line.flow = SERIAL_FLOW_RTSCTS;
			else {
				fprintf(stderr, "tterm: bad flow '%s': none,"
				    " xonxoff or rtscts\n", optarg);
				return (2);
			}
			break;
		case 'W':
			if ((n = main_number(optarg, 1, 3600)) < 0) {
				fprintf(stderr, "tterm: bad timeout '%s'\n",
				    optarg);
				return (2);
			}
			dest.server_timeout = n;
			break;
		case 'K':
			if ((n = main_number(optarg, 0, 3600)) < 0) {
				fprintf(stderr, "tterm: bad keepalive '%s'\n",
				    optarg);
				return (2);
			}
			dest.keepalive = n;
			break;
		case 'e':
			cmds = xreallocarray(cmds, ncmds + 1, sizeof *cmds);
			cmds[ncmds++] = optarg;
			break;
		case 'P':
			if ((opts.prefix = keys_parse_prefix(optarg)) == -1) {
				fprintf(stderr, "tterm: bad prefix key '%s':"
				    " use a control key such as C-] or ^a\n",
				    optarg);
				return (2);
			}
			break;
		case 'S':
			if ((n = main_number(optarg, 0, 1000000)) < 0) {
				fprintf(stderr, "tterm: bad scrollback '%s':"
				    " 0 to 1000000 lines\n", optarg);
				return (2);
			}
			opts.scrollback = n;
			break;
		case 'T':
			opts.term = optarg;
			break;
		case 't':
			opts.theme = optarg;
			break;
		case 'L':
			opts.logfile = optarg;
			break;
		case 'h':
			usage(stdout);
			return (0);
		case 'V':
			printf("tterm %s\n", PACKAGE_VERSION);
			return (0);
		default:
			usage(stderr);
			return (2);
		}
	}
	for (i = optind; i < argc; i++) {
		if ((k = main_teraterm_arg(argv[i], &line, &com, kanji)) != 0) {
			if (k == -1)
				fprintf(stderr, "tterm: bad '%s'\n", argv[i]);
			if (k < 0)
				return (2);
			continue;
		}
		if (strncmp(argv[i], "serial:", 7) == 0 && argv[i][7] != '\0')
			continue;
		if (strncmp(argv[i], "rfc2217://", 10) == 0) {
			if (main_rfc2217(argv[i], &rhost, &rport) != 0) {
				fprintf(stderr, "tterm: bad '%s': use"
				    " rfc2217://host:port\n", argv[i]);
				return (2);
			}
			free(rhost);
			continue;
		}
		if (main_dest_fill(argv[i], &dest, &d) != 0) {
			fprintf(stderr, "tterm: bad destination '%s': use"
			    " [user@]host or ssh://[user@]host[:port]\n",
			    argv[i]);
			return (2);
		}
		free(d.host);
		free(d.user);
	}
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
	signals_setup();

	ui_start();
	ndests = argc - optind;
	for (i = 0; i < ncmds || (i == 0 && ndests == 0); i++) {
		if (main_charsets(tab_new_local(ncmds > 0 ? cmds[i] : NULL,
		    &cause), kanji, &cause) == NULL) {
			ui_end();
			fprintf(stderr, "tterm: %s\n", cause);
			free(cause);
			status = 1;
			break;
		}
	}
	for (i = 0; status == 0 && i < ndests + (com != NULL); i++) {
		const char	*a = i < ndests ? argv[optind + i] : com;

		if (i < ndests && main_teraterm_arg(a, &line, &com, kanji) != 0)
			continue;
		if (strncmp(a, "rfc2217://", 10) == 0) {
			main_rfc2217(a, &rhost, &rport);
			if (main_charsets(tab_new_rfc2217(rhost, rport, &line,
			    &cause), kanji, &cause) == NULL) {
				ui_end();
				fprintf(stderr, "tterm: %s\n", cause);
				free(cause);
				status = 1;
			}
			free(rhost);
			continue;
		}
		if (strncmp(a, "serial:", 7) == 0) {
			line.path = (char *)a + 7;
			if (main_charsets(tab_new_serial(&line, &cause), kanji,
			    &cause) == NULL) {
				ui_end();
				fprintf(stderr, "tterm: %s\n", cause);
				free(cause);
				status = 1;
			}
			continue;
		}
		main_dest_fill(argv[optind + i], &dest, &d);
		if (main_charsets(tab_new_ssh(&d, &cause), kanji, &cause) ==
		    NULL) {
			ui_end();
			fprintf(stderr, "tterm: %s\n", cause);
			free(cause);
			status = 1;
		}
		free(d.host);
		free(d.user);
	}
	if (status == 0) {
		tab_select(tabs);
		loop_run();
	}
	while (tabs != NULL)
		tab_close(tabs);
	ui_end();
	if (sig_term != 0)
		log_debug("%s: signal %d", __func__, (int)sig_term);
	log_close();
	free(cmds);
	free(com);
	free(dest.ids);
	return (status);
}
