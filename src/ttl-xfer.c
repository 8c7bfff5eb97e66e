/*
 * ttl-xfer.c: TTL's file transfer commands on tterm's transfers: scpsend
 * and scprecv move files over the tab's SSH connection (by SFTP, or the
 * server's scp when it has none); zmodem*, xmodem* and ymodem* run
 * lrzsz's programs on the tab's bytes (xfer.c); recvfile writes what
 * comes into a file. The macro waits for the end; result is 1 when all
 * went well, 0 if not (Tera Term's convention).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ttl-int.h"

/* Start transfer kind from a to b (either may be NULL), with its number,
 * and wait for it. */
static int
ttl_xfer_start(struct ttl *vm, int kind, const char *a, const char *b, int n)
{
	static const char	*names[] = { "", "scpsend", "scprecv",
				    "recvfile", "zmodemsend", "zmodemrecv",
				    "xmodemsend", "xmodemrecv", "ymodemsend",
				    "ymodemrecv" };
	char			*cause = NULL;

	if (vm->host->transfer == NULL ||
	    vm->host->transfer(vm->data, kind, a, b, n, &cause) != 0) {
		ttl_error(vm, "%s", cause != NULL ? cause :
		    _("file transfer needs a tab"));
		free(cause);
		return (-1);
	}
	ttl_wait_clear(&vm->wait);
	vm->wait.kind = WK_XFER;
	vm->wait.what = xstrdup(names[kind]);
	return (0);
}

/* A command's one or two arguments (the second may be missing). */
static int
ttl_xfer_args(struct ttl *vm, struct ttl_cursor *c, char **a, char **b)
{
	*a = *b = NULL;
	if (ttl_arg_str(vm, c, a) != 0 ||
	    (ttl_arg_more(c) && ttl_arg_str(vm, c, b) != 0) ||
	    ttl_arg_end(vm, c) != 0) {
		free(*a);
		free(*b);
		return (-1);
	}
	return (0);
}

/* scpsend file [destination]: a local file (a macro's path) to the
 * server, into its home folder when no destination is given. */
TTL_CMD(scpsend)
{
	char	*file, *dest, *path;
	int	 r;

	if (ttl_xfer_args(vm, c, &file, &dest) != 0)
		return (-1);
	path = ttl_path(vm, file);
	r = ttl_xfer_start(vm, TTL_XFER_SCPSEND, path, dest, 0);
	free(path);
	free(file);
	free(dest);
	return (r);
}

/* scprecv remote [local]: a file of the server's into the transfer folder
 * (FileDir), or to the local name given. */
TTL_CMD(scprecv)
{
	char	*file, *local, *path = NULL;
	int	 r;

	if (ttl_xfer_args(vm, c, &file, &local) != 0)
		return (-1);
	if (local != NULL)
		path = ttl_path(vm, local);
	r = ttl_xfer_start(vm, TTL_XFER_SCPRECV, file, path, 0);
	free(path);
	free(file);
	free(local);
	return (r);
}

/*
 * recvfile file binary autostop: what the peer sends goes into file
 * unchanged (a relative name is in the transfer folder, FileDir) until
 * it is quiet for autostop seconds; result 1 then, 0 if it ended
 * otherwise. The binary flag is read and, as in Tera Term 5.6, changes
 * nothing.
 */
TTL_CMD(recvfile)
{
	char	*file, *path;
	int32_t	 binary, quiet;
	int	 r;

	if (ttl_arg_str(vm, c, &file) != 0)
		return (-1);
	if (ttl_arg_int(vm, c, &binary) != 0 ||
	    ttl_arg_int(vm, c, &quiet) != 0 || ttl_arg_end(vm, c) != 0) {
		free(file);
		return (-1);
	}
	/* A plain relative name is the host's to place (in FileDir). */
	if (file[0] == '/' || file[0] == '~' || file[0] == '%' ||
	    (file[0] != '\0' && file[1] == ':')) {
		path = ttl_path(vm, file);
		free(file);
		file = path;
	}
	r = ttl_xfer_start(vm, TTL_XFER_RECVFILE, file, NULL, quiet);
	free(file);
	return (r);
}

/*
 * The X/Y/ZMODEM commands: kind, and which arguments it takes: a file
 * (a macro's path), then numbers (the binary flag, the XMODEM option;
 * lrzsz moves bytes as they are, so the binary flag changes nothing).
 */
static int
ttl_xfer_modem(struct ttl *vm, struct ttl_cursor *c, int kind, int file,
    int nums)
{
	char	*name = NULL, *path = NULL;
	int32_t	 v[2] = { 0, 0 };
	int	 i, r = -1;

	if (file && ttl_arg_str(vm, c, &name) != 0)
		return (-1);
	/* Numbers left out are 0 (the XMODEM option: a checksum). */
	for (i = 0; i < nums && ttl_arg_more(c); i++) {
		if (ttl_arg_int(vm, c, &v[i]) != 0)
			goto out;
	}
	if (ttl_arg_end(vm, c) != 0)
		goto out;
	/* A relative receive name is the host's to place (FileDir). */
	if (name != NULL && (kind != TTL_XFER_XMODEMRECV || name[0] == '/' ||
	    name[0] == '~' || name[0] == '%' || (name[0] != '\0' &&
	    name[1] == ':')))
		path = ttl_path(vm, name);
	r = ttl_xfer_start(vm, kind, path != NULL ? path : name, NULL,
	    v[nums > 0 ? nums - 1 : 0]);
out:
	free(name);
	free(path);
	return (r);
}

/* zmodemsend file binary */
TTL_CMD(zmodemsend)
{
	return (ttl_xfer_modem(vm, c, TTL_XFER_ZMODEMSEND, 1, 1));
}

/* zmodemrecv: into the transfer folder */
TTL_CMD(zmodemrecv)
{
	return (ttl_xfer_modem(vm, c, TTL_XFER_ZMODEMRECV, 0, 0));
}

/* xmodemsend file option (3: 1K blocks) */
TTL_CMD(xmodemsend)
{
	return (ttl_xfer_modem(vm, c, TTL_XFER_XMODEMSEND, 1, 1));
}

/* xmodemrecv file binary option (2 or 3: CRC) */
TTL_CMD(xmodemrecv)
{
	return (ttl_xfer_modem(vm, c, TTL_XFER_XMODEMRECV, 1, 2));
}

/* ymodemsend file */
TTL_CMD(ymodemsend)
{
	return (ttl_xfer_modem(vm, c, TTL_XFER_YMODEMSEND, 1, 0));
}

/* ymodemrecv: into the transfer folder */
TTL_CMD(ymodemrecv)
{
	return (ttl_xfer_modem(vm, c, TTL_XFER_YMODEMRECV, 0, 0));
}
