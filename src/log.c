/*
 * log.c: debug logging to a file named by --log (created 0600; the terminal
 * belongs to curses), and fatal() for broken invariants, which restores the
 * terminal (through the hook the UI registers) before it prints.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "tterm.h"

static FILE	*log_file;
static void	(*log_fatal_fn)(void);	/* gives the terminal back */

/* Open the debug log; failures are reported on stderr before curses. */
void
log_open(const char *path)
{
	int	fd;

	if (path == NULL)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd == -1 || (log_file = fdopen(fd, "a")) == NULL) {
		fprintf(stderr, _("tterm: cannot open log %s: %s\n"), path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return;
	}
	fchmod(fd, 0600);
	setvbuf(log_file, NULL, _IOLBF, 0);
}

void
log_close(void)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
}

void
log_debug(const char *fmt, ...)
{
	struct timeval	tv;
	va_list		ap;

	if (log_file == NULL)
		return;
	gettimeofday(&tv, NULL);
	fprintf(log_file, "%lld.%06ld ", (long long)tv.tv_sec,
	    (long)tv.tv_usec);
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
}

/*
 * What fatal() runs first: the user interface registers the function that
 * gives the outer terminal back, so the message is readable.
 */
void
log_fatal_hook(void (*fn)(void))
{
	log_fatal_fn = fn;
}

/* Restore the terminal, say what broke and stop. */
void
fatal(const char *fmt, ...)
{
	va_list	ap;

	if (log_fatal_fn != NULL)
		log_fatal_fn();
	fputs("tterm: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (log_file != NULL) {
		va_start(ap, fmt);
		fputs("fatal: ", log_file);
		vfprintf(log_file, fmt, ap);
		fputc('\n', log_file);
		va_end(ap);
	}
	exit(1);
}
