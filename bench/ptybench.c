/*
 * ptybench.c: run a command on a pty of a fixed size that this program owns,
 * drain its output as fast as it comes, and measure:
 *
 *   ptybench -m MARK -- cmd...      seconds until MARK appears in the output
 *   ptybench -m MARK -L N -- cmd... then N keystroke-to-echo latencies:
 *                                    prints the median and p99 in us
 *   ptybench -m MARK -W N:DIR -- ... then waits for N files in DIR and
 *                                    prints the command's PSS in KiB
 *
 * The output is searched as a byte stream; MARK must be plain text drawn
 * in one run (a terminal program draws a new line of text that way).
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int	 master = -1;
static pid_t	 child = -1;
static char	 window[8192];	/* the tail of the output, for searching */
static size_t	 wlen;

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

static void
die(const char *what)
{
	fprintf(stderr, "ptybench: %s: %s\n", what, strerror(errno));
	if (child > 0)
		kill(child, SIGKILL);
	exit(1);
}

/* Read what is there, waiting up to ms: 1 if something came, 0 if not,
 * -1 at EOF. */
static int
drain(int ms)
{
	struct pollfd	pfd = { master, POLLIN, 0 };
	char		buf[65536];
	ssize_t		n;
	size_t		keep;

	if (poll(&pfd, 1, ms) <= 0)
		return (0);
	n = read(master, buf, sizeof buf);
	if (n <= 0)
		return ((n == -1 && errno == EAGAIN) ? 0 : -1);
	if ((size_t)n >= sizeof window) {
		memcpy(window, buf + n - sizeof window, sizeof window);
		wlen = sizeof window;
		return (1);
	}
	keep = sizeof window - n;
	if (wlen > keep) {
		memmove(window, window + wlen - keep, keep);
		wlen = keep;
	}
	memcpy(window + wlen, buf, n);
	wlen += n;
	return (1);
}

static int
seen(const char *mark)
{
	return (memmem(window, wlen, mark, strlen(mark)) != NULL);
}

/* Forget what was seen, so the next search only sees new output. */
static void
forget(void)
{
	wlen = 0;
}

/* Drain until mark is seen or the deadline; return 0 on timeout or EOF. */
static int
wait_for(const char *mark, double deadline)
{
	while (!seen(mark)) {
		if (now() > deadline)
			return (0);
		if (drain(10) == -1)
			return (seen(mark));
	}
	return (1);
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return ((x > y) - (x < y));
}

static void
latency(int count, double deadline)
{
	double	*lat, t0;
	char	 key[2] = { 0, 0 };
	int	 i;

	lat = calloc(count, sizeof *lat);
	for (i = 0; i < count; i++) {
		/* Let the screen settle, then type one key and time its echo. */
		while (drain(2) == 1)
			if (now() > deadline)
				break;
		forget();
		/* Letters that are no final byte of what curses sends. */
		key[0] = "abcefgijknopqrstuvwxyz"[i % 22];
		t0 = now();
		if (write(master, key, 1) != 1)
			die("write");
		if (!wait_for(key, deadline)) {
			fprintf(stderr, "ptybench: no echo of key %d\n", i);
			exit(1);
		}
		lat[i] = (now() - t0) * 1e6;
	}
	qsort(lat, count, sizeof *lat, cmp_double);
	printf("%.0f %.0f\n", lat[count / 2], lat[(count * 99) / 100]);
	free(lat);
}

static int
count_files(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return (n);
}

static long
pss_kib(pid_t pid)
{
	char	 path[64], line[256];
	FILE	*f;
	long	 kib = -1;

	snprintf(path, sizeof path, "/proc/%ld/smaps_rollup", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "Pss: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return (kib);
}

static void
usage(void)
{
	fprintf(stderr, "usage: ptybench [-s ROWSxCOLS] [-t secs] -m MARK"
	    " [-L count | -W n:dir] -- command...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct winsize	 ws = { .ws_row = 40, .ws_col = 120 };
	const char	*mark = NULL, *wdir = NULL;
	double		 start, deadline, timeout = 120;
	int		 ch, lcount = 0, wfiles = 0, status;

	while ((ch = getopt(argc, argv, "s:t:m:L:W:")) != -1) {
		switch (ch) {
		case 's':
			if (sscanf(optarg, "%hux%hu", &ws.ws_row,
			    &ws.ws_col) != 2)
				usage();
			break;
		case 't':
			timeout = atof(optarg);
			break;
		case 'm':
			mark = optarg;
			break;
		case 'L':
			lcount = atoi(optarg);
			break;
		case 'W':
			if (sscanf(optarg, "%d:", &wfiles) != 1 || wfiles < 0 ||
			    (wdir = strchr(optarg, ':')) == NULL)
				usage();
			wdir++;
			break;
		default:
			usage();
		}
	}
	if (mark == NULL || optind >= argc)
		usage();
	argv += optind;

	setenv("TERM", "xterm-256color", 1);
	start = now();
	deadline = start + timeout;
	child = forkpty(&master, NULL, NULL, &ws);
	if (child == -1)
		die("forkpty");
	if (child == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "ptybench: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);

	if (!wait_for(mark, deadline)) {
		fprintf(stderr, "ptybench: '%s' not seen\n", mark);
		kill(child, SIGKILL);
		return (1);
	}
	if (lcount > 0)
		latency(lcount, deadline);
	else if (wdir != NULL) {
		while (count_files(wdir) < wfiles && now() < deadline)
			drain(20);
		/* Let the last tabs finish drawing, then measure. */
		while (drain(200) == 1)
			if (now() > deadline)
				break;
		printf("%ld\n", pss_kib(child));
	} else
		printf("%.4f\n", now() - start);
	fflush(stdout);

	kill(child, SIGTERM);
	while (waitpid(child, &status, WNOHANG) == 0) {
		drain(10);
		if (now() > deadline + 5) {
			kill(child, SIGKILL);
			break;
		}
	}
	waitpid(child, &status, 0);
	return (0);
}
