/*
 * net.c: name resolution and TCP connection without blocking the loop.
 * getaddrinfo() runs in a detached thread that writes one byte to a pipe
 * when done; connect() is non-blocking and tries each address in turn.
 * Failures are classified for the diagnosis a tab shows.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/types.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

struct resolve {
	atomic_int	 refs;		/* the thread and the owner */
	int		 pipe[2];
	char		*host;
	char		*port;
	struct addrinfo	*res;
	int		 error;
};

static void
resolve_unref(struct resolve *r)
{
	if (atomic_fetch_sub(&r->refs, 1) != 1)
		return;
	if (r->res != NULL)
		freeaddrinfo(r->res);
	if (r->pipe[1] != -1)
		close(r->pipe[1]);
	free(r->host);
	free(r->port);
	free(r);
}

static void *
resolve_thread(void *arg)
{
	struct resolve	*r = arg;
	struct addrinfo	 hints;
	char		 c = 1;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG;
	r->error = getaddrinfo(r->host, r->port, &hints, &r->res);
	if (write(r->pipe[1], &c, 1) != 1) {
		/* The owner has gone; nothing to tell. */
	}
	resolve_unref(r);
	return (NULL);
}

/* Start resolving host:port; the returned fd becomes readable when done. */
struct resolve *
resolve_start(const char *host, u_int port, char **cause)
{
	struct resolve	*r;
	pthread_attr_t	 attr;
	pthread_t	 th;
	char		 buf[16];

	r = xcalloc(1, sizeof *r);
	if (pipe(r->pipe) != 0) {
		xasprintf(cause, _("pipe: %s"), strerror(errno));
		free(r);
		return (NULL);
	}
	fcntl(r->pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(r->pipe[1], F_SETFD, FD_CLOEXEC);
	fcntl(r->pipe[0], F_SETFL, O_NONBLOCK);
	r->host = xstrdup(host);
	snprintf(buf, sizeof buf, "%u", port);
	r->port = xstrdup(buf);
	atomic_init(&r->refs, 2);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &attr, resolve_thread, r) != 0) {
		pthread_attr_destroy(&attr);
		xasprintf(cause, _("cannot start the resolver"));
		close(r->pipe[0]);
		close(r->pipe[1]);
		free(r->host);
		free(r->port);
		free(r);
		return (NULL);
	}
	pthread_attr_destroy(&attr);
	return (r);
}

int
resolve_fd(const struct resolve *r)
{
	return (r->pipe[0]);
}

/*
 * Once resolve_fd() is readable: 0 with the addresses, or -1 with the
 * getaddrinfo error in *error.
 */
int
resolve_done(struct resolve *r, struct addrinfo **res, int *error)
{
	char	c;

	if (read(r->pipe[0], &c, 1) != 1)
		return (1);	/* not yet */
	*error = r->error;
	*res = r->res;
	r->res = NULL;
	return (r->error == 0 ? 0 : -1);
}

/*
 * resolve_done() that also frees the resolution once it is over: 1 while
 * it runs, 0 with the addresses in *res, -1 with the error in *error.
 */
int
resolve_finish(struct resolve **r, struct addrinfo **res, int *error)
{
	int	n;

	if ((n = resolve_done(*r, res, error)) > 0)
		return (n);
	resolve_free(*r);
	*r = NULL;
	return (n);
}

/* Give up on a resolution (done or not). */
void
resolve_free(struct resolve *r)
{
	if (r == NULL)
		return;
	close(r->pipe[0]);
	r->pipe[0] = -1;
	resolve_unref(r);
}

/* Start a non-blocking connect to ai (with TCP keepalive if asked);
 * return the socket or -1 (errno). */
int
net_connect(const struct addrinfo *ai, int keepalive)
{
	int	fd, one = 1;

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, ai->ai_protocol);
	if (fd == -1)
		return (-1);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (keepalive)
		setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 ||
	    errno == EINPROGRESS)
		return (fd);
	one = errno;
	close(fd);
	errno = one;
	return (-1);
}

/*
 * State of a connecting socket: 0 if connected, EINPROGRESS if not yet,
 * else why it failed.
 */
int
net_connected(int fd)
{
	struct sockaddr_storage	ss;
	socklen_t		len;
	int			err = 0;

	len = sizeof err;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
		return (errno);
	if (err != 0)
		return (err);
	len = sizeof ss;
	if (getpeername(fd, (struct sockaddr *)&ss, &len) != 0)
		return (errno == ENOTCONN ? EINPROGRESS : errno);
	return (0);
}

/*
 * A connecting socket after poll or its deadline: 0 if connected,
 * EINPROGRESS if not yet, else why it failed, with *fd closed and -1.
 */
int
net_connect_step(int *fd, int timed_out)
{
	int	err;

	if (timed_out)
		err = ETIMEDOUT;
	else if ((err = net_connected(*fd)) == EINPROGRESS || err == EALREADY)
		return (EINPROGRESS);
	if (err != 0) {
		close(*fd);
		*fd = -1;
	}
	return (err);
}

/* The numeric address of ai, for messages. */
void
net_address(const struct addrinfo *ai, char *buf, size_t len)
{
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, buf, len, NULL, 0,
	    NI_NUMERICHOST) != 0)
		snprintf(buf, len, "?");
}

/*
 * An SSH host for people, with its port when it is not SSH's own (two
 * tabs to one gateway's ports 10022 and 10023 are two machines): "host",
 * "host:10022", "[2001:db8::1]:10022". Port 0 is the default. A new
 * string.
 */
char *
net_ssh_where(const char *host, u_int port)
{
	char	*s;

	if (port == 0 || port == 22)
		return (xstrdup(host));
	if (strchr(host, ':') != NULL)
		xasprintf(&s, "[%s]:%u", host, port);
	else
		xasprintf(&s, "%s:%u", host, port);
	return (s);
}

/*
 * Start connecting to the next address of a resolved list: the socket
 * (its address in ip), or -1 when none is left (errno of the last in *err).
 */
int
net_try(struct addrinfo **next, int keepalive, char *ip, size_t iplen,
    int *err)
{
	int	fd;

	while (*next != NULL) {
		net_address(*next, ip, iplen);
		fd = net_connect(*next, keepalive);
		*next = (*next)->ai_next;
		if (fd != -1)
			return (fd);
		*err = errno;
	}
	return (-1);
}

/*
 * A name that did not resolve, in words: text for the tab, with what to
 * check, and a short cause for the status bar and the tab's mark.
 */
void
net_diag_resolve(int error, const char *host, char **text, char **cause)
{
	if (error == EAI_NONAME || error == EAI_NODATA ||
	    error == EAI_FAIL) {
		xasprintf(text, _("\n*** Name not found: %s\n"
		    "    - Is the name spelt right? Try the IP address.\n"
		    "    - Is the host in DNS or /etc/hosts here (not only on"
		    " your Windows PC)?\n"
		    "    - Behind a VPN or bastion? The name may only resolve"
		    " there.\n"), host);
		xasprintf(cause, _("name not found: %s"), host);
		return;
	}
	xasprintf(text, _("\n*** Cannot look up %s: %s\n"
	    "    - Is this machine's DNS working (resolv.conf, network)?\n"),
	    host, gai_strerror(error));
	xasprintf(cause, _("name lookup failed: %s"), gai_strerror(error));
}

/*
 * A connection that failed with err, in words as net_diag_resolve();
 * service holds the lines to check when the port refused.
 */
void
net_diag_connect(int err, const char *host, const char *ip, u_int port,
    double timeout, const char *service, char **text, char **cause)
{
	switch (err) {
	case ECONNREFUSED:
		xasprintf(text, _("\n*** Connection refused by %s (%s) on port"
		    " %u\n%s"
		    "    - A firewall that rejects (REJECT) looks the same.\n"),
		    host, ip, port, service);
		xasprintf(cause, _("connection refused (port %u)"), port);
		break;
	case ETIMEDOUT:
		xasprintf(text, _("\n*** No answer from %s (%s) port %u after"
		    " %.0f seconds\n"
		    "    - A firewall, ACL or cloud security group may drop the"
		    " packets:\n"
		    "      allow TCP port %u from this machine's address.\n"
		    "    - Has the server's public IP changed?\n"
		    "    - Is the host up at all?\n"), host, ip, port, timeout,
		    port);
		xasprintf(cause, _("connection timed out (port %u)"), port);
		break;
	case EHOSTUNREACH:
	case ENETUNREACH:
		xasprintf(text, err == ENETUNREACH ?
		    _("\n*** Network unreachable: %s (%s)\n%s") :
		    _("\n*** Host unreachable: %s (%s)\n%s"), host, ip,
		    _("    - Is this machine on the right network (VPN, route,"
		    " cable)?\n"
		    "    - Is the address right?\n"));
		xasprintf(cause, "%s", err == ENETUNREACH ?
		    _("network unreachable") : _("host unreachable"));
		break;
	default:
		xasprintf(text, _("\n*** Cannot connect to %s (%s) port %u: %s\n"),
		    host, ip, port, strerror(err));
		xasprintf(cause, _("cannot connect: %s"), strerror(err));
		break;
	}
}
