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
"$SHELL. A destination, ssh://[user@]host[:port] or [user@]host, opens an\n"
"SSH tab.\n"
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

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
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
	const char	**cmds = NULL;
	struct ssh_dest	  dest, d;
	struct serial_opts line;
	char		 *cause = NULL;
	const char	 *s;
	char		 *rhost = NULL;
	const char	 *profile_name = NULL, *codepage = NULL, *cs;
	const char	 *kanji[2] = { "UTF-8", "UTF-8" };	/* receive, send */
	const char	 *action_arg = NULL;
	struct profile	 *prof = NULL, *p;
	struct ttcmd	  tc;
	struct tab	 *t;
	u_int		  rport = 0;
	long		  n;
	int		  ch, ncmds = 0, i, ndests, status = 0;
	int		  given = 0, action = 0;

	setlocale(LC_ALL, "");
	memset(&tc, 0, sizeof tc);
	if ((s = getenv("TTERM_FRAME_BYTES")) != NULL)
		opts.frame_bytes = strtoul(s, NULL, 10);
	memset(&dest, 0, sizeof dest);
	memset(&line, 0, sizeof line);
	line.speed = 9600;
	serial_parse_line("8N1", &line);
	dest.use_config = 1;
	dest.keepalive = 60;	/* as Tera Term's HeartBeat */
	while ((ch = getopt_long(argc, argv, "Ae:F:hi:J:L:l:P:p:R:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'l':
			dest.user = optarg;
			given |= G_USER;
			break;
		case 'P':
			profile_name = optarg;
			break;
		case OPT_ENCODING:
		case OPT_KANJI_RECV:
		case OPT_KANJI_SEND:
			if ((cs = main_charset(optarg)) == NULL)
				return (2);
			if (ch != OPT_KANJI_SEND) {
				kanji[0] = cs;
				given |= G_KR;
			}
			if (ch != OPT_KANJI_RECV) {
				kanji[1] = cs;
				given |= G_KT;
			}
			break;
		case 'I':
		case OPT_DUMP:
		case 'O':
			action = ch;
			action_arg = optarg;
			break;
		case 'G':
			if (prof_codepage_ok(optarg) != 0) {
				fprintf(stderr, "tterm: unknown code page '%s':"
				    " CP932, CP1252, CP1251, CP949, CP936 or"
				    " CP950\n", optarg);
				return (2);
			}
			codepage = optarg;
			break;
		case 'p':
			if ((n = main_number(optarg, 1, 65535)) < 0) {
				fprintf(stderr, "tterm: bad port '%s'\n",
				    optarg);
				return (2);
			}
			dest.port = n;
			given |= G_PORT;
			break;
		case 'i':
			if (dest.nids == SSH_MAX_IDS)
				break;
			dest.ids = xreallocarray(dest.ids, dest.nids + 1,
			    sizeof *dest.ids);
			dest.ids[dest.nids++] = optarg;
			break;
		case 'J':
			dest.jump = optarg;
			break;
		case 'A':
			dest.fwd_agent = 1;
			break;
		case 'L':
		case 'R':
			/* As Tera Term's DefaultForwarding writes them. */
			xappendf(&dest.forwarding, "%s%c%s",
			    dest.forwarding != NULL ? ";" : "", ch, optarg);
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
			given |= G_SPEED;
			break;
		case 'x':
			if (serial_parse_line(optarg, &line) != 0) {
				fprintf(stderr, "tterm: bad line '%s': use"
				    " data bits, parity, stop bits as 8N1\n",
				    optarg);
				return (2);
			}
			given |= G_LINE;
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
			given |= ch == 'c' ? G_CDELAY : G_LDELAY;
			break;
		case 'n':
		case 'r':
			if ((n = main_newline(optarg)) < 0 ||
			    (ch == 'n' && n == PROF_NL_AUTO)) {
				fprintf(stderr, "tterm: bad newline '%s': cr,"
				    " crlf or lf\n", optarg);
				return (2);
			}
			if (ch == 'n')
				line.send_nl = n;
			else
				line.recv_nl = n;
			given |= ch == 'n' ? G_SNL : G_RNL;
			break;
		case 'E':
			line.local_echo = 1;
			given |= G_ECHO;
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
			given |= G_FLOW;
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
		case OPT_PREFIX:
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
		case OPT_LOG:
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
	if (action != 0)
		return (cmdline_action(action, action_arg, codepage));
	if (profile_name != NULL || cmdline_teraterm_style(argc - optind,
	    argv + optind)) {
		if ((prof = cmdline_profile(profile_name, codepage, argc - optind,
		    argv + optind, &tc)) == NULL) {
			free(cmds);
			return (2);
		}
		cmdline_overrides(prof, given, &dest, &line, kanji);
	}
	for (i = optind; prof == NULL && i < argc; i++) {
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
	loop_signals();

	ui_start();
	frame_start();
	/* The connection dialog offers the start-up profile's settings. */
	dialog_init(prof, &dest);
	ndests = prof != NULL ? 0 : argc - optind;
	if (prof != NULL && ncmds > 0 && !prof->serial &&
	    (prof->host == NULL || *prof->host == '\0')) {
		/* Tera Term options with -e: each command takes the profile. */
		for (i = 0; status == 0 && i < ncmds; i++) {
			p = profile_copy(prof);
			p->command = xstrdup(cmds[i]);
			/* The file's problems are said once, in the first. */
			if (i == 0 && prof->report.data != NULL)
				prof_note(p, "%s", prof->report.data);
			if (open_profile(p, &tc, &dest, &cause) == NULL) {
				ui_end();
				fprintf(stderr, "tterm: %s\n", cause);
				free(cause);
				status = 1;
			}
		}
		profile_free(prof);
		prof = NULL;
		ndests = -1;
		ncmds = 0;
	} else if (prof != NULL) {
		if (open_profile(prof, &tc, &dest, &cause) == NULL) {
			ui_end();
			fprintf(stderr, "tterm: %s\n", cause);
			free(cause);
			status = 1;
		}
		ndests = -1;
	}
	/* The connection has its own copy of a password. */
	freezero_str(tc.password);
	tc.password = NULL;
	for (i = 0; status == 0 && (i < ncmds || (i == 0 && ndests == 0));
	    i++) {
		if (tab_new_local(ncmds > 0 ? cmds[i] : NULL, &cause) == NULL) {
			ui_end();
			fprintf(stderr, "tterm: %s\n", cause);
			free(cause);
			status = 1;
			break;
		}
	}
	for (i = 0; status == 0 && i < ndests; i++) {
		const char	*a = argv[optind + i];

		if (strncmp(a, "rfc2217://", 10) == 0) {
			main_rfc2217(a, &rhost, &rport);
			if (tab_new_rfc2217(rhost, rport, &line, &dest,
			    &cause) == NULL) {
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
			if (tab_new_serial(&line, &cause) == NULL) {
				ui_end();
				fprintf(stderr, "tterm: %s\n", cause);
				free(cause);
				status = 1;
			}
			continue;
		}
		main_dest_fill(argv[optind + i], &dest, &d);
		if (tab_new_ssh(&d, &cause) == NULL) {
			ui_end();
			fprintf(stderr, "tterm: %s\n", cause);
			free(cause);
			status = 1;
		}
		free(d.host);
		free(d.user);
	}
	/* --encoding and friends, for the tabs not opened from a profile. */
	for (t = tabs; status == 0 && (given & (G_KR | G_KT)) && t != NULL;
	    t = t->next) {
		if (t->prof == NULL &&
		    tab_set_charsets(t, kanji[0], kanji[1], &cause) != 0) {
			ui_end();
			fprintf(stderr, "tterm: %s\n", cause);
			free(cause);
			status = 1;
		}
	}
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
	free(cmds);
	ttcmd_clear(&tc);
	free(dest.ids);
	free(dest.forwarding);
	return (status);
}
