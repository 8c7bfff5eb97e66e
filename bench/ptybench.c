/*
 * ptybench.c: run a command on a pty of a fixed size that this program owns,
 * drain its output as fast as it comes, and measure:
 *
 *   ptybench -m MARK -- cmd...      seconds until MARK appears in the output
 *   ptybench -m MARK -L N -- cmd... then N keystroke-to-echo latencies:
 *                                    prints the median and p99 in us
 *   ptybench -m MARK -W N:DIR -- ... then waits for N files in DIR and
 *                                    prints the command's PSS in KiB
 *   ptybench -m MARK -W N:DIR -G FILE -L N -- ...
 *                                    the PSS, then creates FILE (which
 *                                    can start a flood) and measures
 *                                    echoes as -L does
 *   ptybench -m MARK -R MS -- ...    the seconds until MARK, then the
 *                                    command's resident size sampled
 *                                    every MS until then, one
 *                                    "seconds KiB" a line
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

/* A size in KiB from a /proc/PID file (its line starting with key), or -1. */
static long
proc_kib(pid_t pid, const char *file, const char *key)
{
	char	 path[64], line[256];
	FILE	*f;
	long	 kib = -1;

	snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, file);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, key, strlen(key)) == 0) {
			kib = strtol(line + strlen(key), NULL, 10);
			break;
		}
	}
	fclose(f);
	return (kib);
}

/* Wait for n files in dir, let the screen settle and print the command's
 * PSS; then create go, if given. */
static void
memory(int n, const char *dir, const char *go, double deadline)
{
	int	fd;

	while (count_files(dir) < n) {
		if (now() > deadline) {
			fprintf(stderr, "ptybench: %d of %d files in %s\n",
			    count_files(dir), n, dir);
			kill(child, SIGKILL);
			exit(1);
		}
		drain(20);
	}
	/* Let the last tabs finish drawing, then measure. */
	while (drain(200) == 1)
		if (now() > deadline)
			break;
	printf("%ld\n", proc_kib(child, "smaps_rollup", "Pss:"));
	fflush(stdout);
	if (go != NULL) {
		if ((fd = open(go, O_WRONLY | O_CREAT, 0644)) == -1)
			die(go);
		close(fd);
	}
}

/* Wait for mark as wait_for does, sampling the command's resident size
 * every ms; print the seconds it took, then the samples. */
static int
wait_sampling(const char *mark, double start, double deadline, int ms)
{
	double	*at = NULL, next = start, end;
	long	*kib = NULL;
	size_t	 n = 0, size = 0, i;

	while (!seen(mark)) {
		if (now() >= next) {
			if (n == size) {
				size = size ? size * 2 : 1024;
				at = realloc(at, size * sizeof *at);
				kib = realloc(kib, size * sizeof *kib);
				if (at == NULL || kib == NULL)
					die("realloc");
			}
			at[n] = now() - start;
			kib[n++] = proc_kib(child, "status", "VmRSS:");
			next = now() + ms / 1e3;
		}
		if (now() > deadline)
			return (0);
		if (drain(10) == -1 && !seen(mark))
			return (0);
	}
	end = now() - start;
	printf("%.4f\n", end);
	for (i = 0; i < n; i++)
		printf("%.2f %ld\n", at[i], kib[i]);
	free(at);
	free(kib);
	return (1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: ptybench [-s ROWSxCOLS] [-t secs] -m MARK"
	    " [-R ms] [-W n:dir [-G file]] [-L count] -- command...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct winsize	 ws = { .ws_row = 40, .ws_col = 120 };
	const char	*mark = NULL, *wdir = NULL, *go = NULL, *name;
	double		 start, deadline, timeout = 120;
	int		 ch, lcount = 0, wfiles = 0, rss_ms = 0, ok, status;

	while ((ch = getopt(argc, argv, "s:t:m:L:W:G:R:")) != -1) {
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
		case 'G':
			go = optarg;
			break;
		case 'R':
			if ((rss_ms = atoi(optarg)) <= 0)
				usage();
			break;
		default:
			usage();
		}
	}
	if (mark == NULL || optind >= argc || (go != NULL && wdir == NULL) ||
	    (rss_ms > 0 && (wdir != NULL || lcount > 0)))
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

	if (rss_ms > 0)
		ok = wait_sampling(mark, start, deadline, rss_ms);
	else
		ok = wait_for(mark, deadline);
	if (!ok) {
		fprintf(stderr, "ptybench: '%s' not seen\n", mark);
		kill(child, SIGKILL);
		return (1);
	}
	if (wdir != NULL)
		memory(wfiles, wdir, go, deadline);
	if (lcount > 0)
		latency(lcount, deadline);
	else if (wdir == NULL && rss_ms == 0)
		printf("%.4f\n", now() - start);
	fflush(stdout);

	/* The end is not measured, but a command deaf to SIGTERM is told. */
	kill(child, SIGTERM);
	deadline = now() + 5;
	while (waitpid(child, &status, WNOHANG) == 0) {
		drain(10);
		if (now() > deadline) {
			name = strrchr(argv[0], '/');
			fprintf(stderr, "ptybench: %s still ran 5 s after"
			    " SIGTERM: killed\n", name ? name + 1 : argv[0]);
			kill(child, SIGKILL);
			break;
		}
	}
	waitpid(child, &status, 0);
	return (0);
}
