/*
 * main.c: the command line, signals, and the program's start and end.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
"usage: tterm [options] [-e command]...\n"
"\n"
"With no command, tterm opens one tab running your $SHELL.\n"
"\n"
"  -e, --execute CMD     open a tab running CMD (sh -c CMD); repeatable\n"
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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char	**cmds = NULL;
	char		 *cause = NULL, *end;
	const char	 *s;
	long		  n;
	int		  ch, ncmds = 0, i, opened = 0, status = 0;

	setlocale(LC_ALL, "");
	if ((s = getenv("TTERM_FRAME_BYTES")) != NULL)
		opts.frame_bytes = strtoul(s, NULL, 10);
	while ((ch = getopt_long(argc, argv, "e:hV", longopts, NULL)) != -1) {
		switch (ch) {
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
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 0 ||
			    n > 1000000 || errno != 0) {
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
	if (optind < argc) {
		fprintf(stderr, "tterm: unexpected argument '%s'\n",
		    argv[optind]);
		usage(stderr);
		return (2);
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
	for (i = 0; i < (ncmds > 0 ? ncmds : 1); i++) {
		if (tab_new_local(ncmds > 0 ? cmds[i] : NULL, &cause) == NULL) {
			ui_end();
			fprintf(stderr, "tterm: %s\n", cause);
			free(cause);
			status = 1;
			break;
		}
		opened++;
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
	return (status);
}
