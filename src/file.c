/*
 * file.c: whole files read into memory. The parsers (profiles, the SSH
 * configuration's ProxyJump, known_hosts) work on a buffer, so that the
 * same code serves a file, a test's string and a fuzzer's input.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

/*
 * Read a regular file of at most max bytes. The buffer has a NUL after the
 * last byte (the file may hold others); NULL with a cause on failure.
 */
char *
file_read(const char *path, size_t max, size_t *lenp, char **cause)
{
	struct stat	 sb;
	char		*buf;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		xasprintf(cause, _("%s: not a regular file"), path);
		close(fd);
		return (NULL);
	}
	if ((uintmax_t)sb.st_size > max) {
		xasprintf(cause, _("%s: too large (%ju MiB; at most %zu MiB)"),
		    path, (uintmax_t)sb.st_size >> 20, max >> 20);
		close(fd);
		return (NULL);
	}
	buf = xmalloc(sb.st_size + 1);
	n = read(fd, buf, sb.st_size);
	close(fd);
	if (n != sb.st_size) {
		xasprintf(cause, "%s: %s", path, n < 0 ? strerror(errno) :
		    _("short read"));
		free(buf);
		return (NULL);
	}
	buf[n] = '\0';
	*lenp = n;
	return (buf);
}

/*
 * The next line of [*p, end) as a string in line: its '\n' becomes a NUL
 * (so *end must be writable, as file_read's NUL is); 0 at the end. A line
 * with a NUL inside ends there, as one from getline() used as a string.
 */
int
file_line(char **p, char *end, char **line)
{
	char	*nl;
	size_t	 n;

	if (*p >= end)
		return (0);
	*line = *p;
	if ((nl = memchr(*p, '\n', end - *p)) == NULL)
		nl = end;
	n = nl - *p;
	*p = nl < end ? nl + 1 : end;
	(*line)[n] = '\0';
	return (1);
}

/*
 * Write a file whole, through a new file beside it so that a failure
 * leaves the old one whole; it keeps its mode, and a new file is the
 * user's alone (0600).
 */
int
file_write(const char *path, const char *buf, size_t len, char **cause)
{
	struct stat	 sb;
	mode_t		 mode = 0600;
	char		*tmp;
	int		 fd, ok;

	if (stat(path, &sb) == 0)
		mode = sb.st_mode & 0777;
	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return (-1);
	}
	ok = write(fd, buf, len) == (ssize_t)len && fchmod(fd, mode) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return (-1);
	}
	free(tmp);
	return (0);
}
