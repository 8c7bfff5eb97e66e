/*
 * ttl-sys.c: TTL's arrays, time, environment, the macro's folder, exec
 * and other system commands (ttl-file.c has the files).
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "tterm.h"
#include "ttl-int.h"

static int
ttl_dim(struct ttl *vm, struct ttl_cursor *c, enum ttl_vtype type)
{
	const struct ttl_token	*t = c->i < c->l->ntok ? &c->l->tok[c->i] : NULL;
	struct ttl_var		*v;
	int32_t			 n;
	u_int			 i;

	if (t == NULL || t->type != TK_ID)
		return (ttl_error(vm, _("an array name is needed")));
	c->i++;
	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (n < 1 || n > TTL_ARRAY_MAX)
		return (ttl_error(vm, _("an array has 1 to %d elements"),
		    TTL_ARRAY_MAX));
	if (ttl_var_find(vm, t->s) != NULL)
		return (ttl_error(vm, _("'%s' is defined already"), t->s));
	v = ttl_var_make(vm, t->s, type);
	v->size = (u_int)n;
	if (type == TV_INTARR)
		v->ia = xcalloc(n, sizeof *v->ia);
	else {
		v->sa = xcalloc(n, sizeof *v->sa);
		for (i = 0; i < (u_int)n; i++)
			v->sa[i] = xstrdup("");
	}
	return (0);
}

TTL_CMD(intdim)
{
	return (ttl_dim(vm, c, TV_INTARR));
}

TTL_CMD(strdim)
{
	return (ttl_dim(vm, c, TV_STRARR));
}

/* ifdefined name: 0 none, 1 int, 3 string, 4 label, 5/6 arrays. */
TTL_CMD(ifdefined)
{
	const struct ttl_token	*t = c->i < c->l->ntok ? &c->l->tok[c->i] : NULL;
	struct ttl_var		*v;
	u_int			 line;
	int32_t			 r = 0;

	if (t == NULL || t->type != TK_ID)
		return (ttl_error(vm, _("a name is needed")));
	c->i++;
	if ((v = ttl_var_find(vm, t->s)) != NULL)
		r = v->type == TV_INT ? 1 : v->type == TV_STR ? 3 :
		    v->type == TV_INTARR ? 5 : 6;
	else if (ttl_file_label(vm->f, t->s, &line))
		r = 4;
	ttl_set_int(vm, "result", r);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(getenv)
{
	struct ttl_ref	 r;
	char		*name;
	const char	*v;
	int		 rc;

	if (ttl_arg_str(vm, c, &name) != 0)
		return (-1);
	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0) {
		free(name);
		return (-1);
	}
	if ((v = getenv(name)) == NULL && strcasecmp(name, "USERPROFILE") == 0)
		v = getenv("HOME");
	rc = ttl_ref_set_str(vm, &r, v != NULL ? v : "", v != NULL ?
	    strlen(v) : 0);
	free(name);
	return (rc);
}

TTL_CMD(setenv)
{
	char	*name, *value;

	if (ttl_arg_str(vm, c, &name) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, &value) != 0) {
		free(name);
		return (-1);
	}
	if (*name != '\0' && strchr(name, '=') == NULL)
		setenv(name, value, 1);
	free(name);
	free(value);
	return (ttl_arg_end(vm, c));
}

/*
 * getdate and gettime: strftime, in a time zone if one is given. The
 * format is the macro's: strftime takes no arguments from it.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int
ttl_date(struct ttl *vm, struct ttl_cursor *c, const char *def)
{
	struct ttl_ref	 r;
	char		*fmt = NULL, *tz = NULL, *old = NULL, out[512];
	const char	*was;
	time_t		 now = time(NULL);
	struct tm	 tm;
	size_t		 n;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0)
		return (-1);
	if (ttl_arg_more(c) && ttl_arg_str(vm, c, &fmt) != 0)
		return (-1);
	if (ttl_arg_more(c) && ttl_arg_str(vm, c, &tz) != 0) {
		free(fmt);
		return (-1);
	}
	if (ttl_arg_end(vm, c) != 0) {
		free(fmt);
		free(tz);
		return (-1);
	}
	if (tz != NULL) {
		if ((was = getenv("TZ")) != NULL)
			old = xstrdup(was);
		setenv("TZ", tz, 1);
		tzset();
	}
	localtime_r(&now, &tm);
	n = strftime(out, sizeof out, fmt != NULL && *fmt != '\0' ? fmt : def,
	    &tm);
	if (tz != NULL) {
		if (old != NULL)
			setenv("TZ", old, 1);
		else
			unsetenv("TZ");
		tzset();
	}
	ttl_set_int(vm, "result", 0);
	free(old);
	free(fmt);
	free(tz);
	return (ttl_ref_set_str(vm, &r, out, n));
}
#pragma GCC diagnostic pop

TTL_CMD(getdate)
{
	return (ttl_date(vm, c, "%Y-%m-%d"));
}

TTL_CMD(gettime)
{
	return (ttl_date(vm, c, "%H:%M:%S"));
}

TTL_CMD(random)
{
	struct ttl_ref	r;
	int32_t		max;
	uint32_t	n;

	if (ttl_arg_ref(vm, c, TV_INT, &r) != 0 ||
	    ttl_arg_int(vm, c, &max) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (max <= 0)
		return (ttl_error(vm, _("random needs a maximum above 0")));
	n = arc4random_uniform((uint32_t)max + 1);
	return (ttl_ref_set_int(vm, &r, (int32_t)n));
}

TTL_CMD(beep)
{
	int32_t	n = 0;

	if (ttl_arg_more(c) && ttl_arg_int(vm, c, &n) != 0)
		return (-1);
	vm->host->beep(vm->data);
	return (ttl_arg_end(vm, c));
}

TTL_CMD(setexitcode)
{
	int32_t	n;

	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	vm->exitcode = n;
	return (0);
}

/* getdir var: the folder relative names are in; setdir dir changes it. */
TTL_CMD(getdir)
{
	struct ttl_ref	r;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	return (ttl_ref_set_str(vm, &r, vm->cwd, strlen(vm->cwd)));
}

TTL_CMD(setdir)
{
	struct stat	 sb;
	char		*s, *path;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	path = ttl_path(vm, s);
	free(s);
	if (ttl_arg_end(vm, c) != 0 || stat(path, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode)) {
		ttl_error(vm, _("setdir: %s is not a folder"), path);
		free(path);
		return (-1);
	}
	free(vm->cwd);
	vm->cwd = path;
	return (0);
}

TTL_CMD(getver)
{
	struct ttl_ref	 r;
	char		*want = NULL;
	int		 major, minor, have = 5 * 10000 + 3, cmp;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0)
		return (-1);
	if (ttl_arg_more(c) && ttl_arg_str(vm, c, &want) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) != 0) {
		free(want);
		return (-1);
	}
	/* The version compared with: "major.minor" (tterm is 5.3's). */
	if (want != NULL) {
		if (sscanf(want, "%d.%d", &major, &minor) != 2) {
			free(want);
			ttl_set_int(vm, "result", -2);
			return (0);
		}
		cmp = major * 10000 + minor;
		ttl_set_int(vm, "result", have < cmp ? -1 : have > cmp);
		free(want);
	}
	return (ttl_ref_set_str(vm, &r, "5.3", 3));
}

TTL_CMD(getttdir)
{
	struct ttl_ref	r;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	return (ttl_ref_set_str(vm, &r, TTERM_DATADIR, strlen(TTERM_DATADIR)));
}

/*
 * exec command [show [wait [folder]]]: sh -c command, its input and
 * output /dev/null (it must not write on the screen); with wait, the
 * macro waits for it and result is its exit status.
 */
TTL_CMD(exec)
{
	static const char	*shows[] = { "show", "hide", "minimize",
	    "maximize", NULL };
	char			*cmd, *show = NULL, *folder = NULL, *dir = NULL;
	int32_t			 wait = 0;
	pid_t			 pid;
	u_int			 i;

	if (ttl_may_write(vm) != 0 || ttl_arg_str(vm, c, &cmd) != 0)
		return (-1);
	if ((ttl_arg_more(c) && ttl_arg_str(vm, c, &show) != 0) ||
	    (ttl_arg_more(c) && ttl_arg_int(vm, c, &wait) != 0) ||
	    (ttl_arg_more(c) && ttl_arg_str(vm, c, &folder) != 0) ||
	    ttl_arg_end(vm, c) != 0)
		goto bad;
	/* How Windows shows its window: nothing to show here. */
	for (i = 0; show != NULL && shows[i] != NULL; i++) {
		if (strcasecmp(show, shows[i]) == 0)
			break;
	}
	if (show != NULL && shows[i] == NULL) {
		ttl_error(vm, _("exec: show is show, hide, minimize or "
		    "maximize"));
		goto bad;
	}
	if (folder != NULL)
		dir = ttl_path(vm, folder);
	pid = vm->host->spawn != NULL ? vm->host->spawn(vm->data, cmd,
	    dir != NULL ? dir : vm->cwd) : -1;
	free(cmd);
	free(show);
	free(folder);
	free(dir);
	ttl_set_int(vm, "result", pid == -1 ? -1 : 0);
	if (pid != -1 && wait) {
		ttl_wait_clear(&vm->wait);
		vm->wait.kind = WK_CHILD;
		vm->wait.n = (int32_t)pid;
		vm->wait.what = xstrdup("exec");
	}
	return (0);
bad:
	free(cmd);
	free(show);
	free(folder);
	return (-1);
}

/* A checksum or CRC being made: kind 8, 16 or 32 (sums), -16 or -32. */
struct ttl_sum {
	int		kind;
	uint32_t	v;
};

static void
ttl_sum_start(struct ttl_sum *sum, int kind)
{
	sum->kind = kind;
	sum->v = kind == -16 ? 0xffff : kind == -32 ? 0xffffffff : 0;
}

/*
 * crc16: CRC-16/X-25 (0x1021 reflected, in and out 0xffff; "123456789"
 * gives 0x906e), crc32: the CRC-32 of zip and Ethernet (0xcbf43926);
 * the sums: the bytes added up.
 */
static void
ttl_sum_add(struct ttl_sum *sum, const char *buf, size_t len)
{
	uint32_t	poly = sum->kind == -16 ? 0x8408 : 0xedb88320;
	size_t		i;
	int		k;

	for (i = 0; i < len; i++) {
		if (sum->kind > 0) {
			sum->v += (u_char)buf[i];
			continue;
		}
		sum->v ^= (u_char)buf[i];
		for (k = 0; k < 8; k++)
			sum->v = (sum->v & 1) ? (sum->v >> 1) ^ poly :
			    sum->v >> 1;
	}
}

static int32_t
ttl_sum_end(const struct ttl_sum *sum)
{
	switch (sum->kind) {
	case 8: return ((int32_t)(sum->v & 0xff));
	case 16: return ((int32_t)(sum->v & 0xffff));
	case -16: return ((int32_t)(sum->v ^ 0xffff));
	case -32: return ((int32_t)(sum->v ^ 0xffffffff));
	default: return ((int32_t)sum->v);
	}
}

/*
 * checksum8 var str ... crc32file var file: a string's (nothing for an
 * empty one, as Tera Term), or a file's read in pieces (result 0, -1 if
 * it cannot be read).
 */
static int
ttl_sum(struct ttl *vm, struct ttl_cursor *c, int kind, int file)
{
	struct ttl_ref	 r;
	struct ttl_sum	 sum;
	char		*s, *path, buf[65536];
	size_t		 n;
	FILE		*fp;
	int		 rc = 0;

	if (ttl_arg_ref(vm, c, TV_INT, &r) != 0 || ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) != 0) {
		free(s);
		return (-1);
	}
	ttl_sum_start(&sum, kind);
	if (!file) {
		ttl_sum_add(&sum, s, strlen(s));
		if (*s != '\0')
			rc = ttl_ref_set_int(vm, &r, ttl_sum_end(&sum));
		free(s);
		return (rc);
	}
	path = ttl_path(vm, s);
	free(s);
	if ((fp = fopen(path, "r")) == NULL) {
		free(path);
		ttl_set_int(vm, "result", -1);
		return (0);
	}
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		ttl_sum_add(&sum, buf, n);
	ttl_set_int(vm, "result", ferror(fp) ? -1 : 0);
	if (!ferror(fp))
		rc = ttl_ref_set_int(vm, &r, ttl_sum_end(&sum));
	fclose(fp);
	free(path);
	return (rc);
}

TTL_CMD(checksum8)
{
	return (ttl_sum(vm, c, 8, 0));
}

TTL_CMD(checksum16)
{
	return (ttl_sum(vm, c, 16, 0));
}

TTL_CMD(checksum32)
{
	return (ttl_sum(vm, c, 32, 0));
}

TTL_CMD(checksum8file)
{
	return (ttl_sum(vm, c, 8, 1));
}

TTL_CMD(checksum16file)
{
	return (ttl_sum(vm, c, 16, 1));
}

TTL_CMD(checksum32file)
{
	return (ttl_sum(vm, c, 32, 1));
}

TTL_CMD(crc16)
{
	return (ttl_sum(vm, c, -16, 0));
}

TTL_CMD(crc32)
{
	return (ttl_sum(vm, c, -32, 0));
}

TTL_CMD(crc16file)
{
	return (ttl_sum(vm, c, -16, 1));
}

TTL_CMD(crc32file)
{
	return (ttl_sum(vm, c, -32, 1));
}

/* rotateleft var value n, rotateright: 32 bits round (n mod 32). */
static int
ttl_rotate(struct ttl *vm, struct ttl_cursor *c, int left)
{
	struct ttl_ref	r;
	int32_t		v, n;
	uint32_t	u;
	u_int		k;

	if (ttl_arg_ref(vm, c, TV_INT, &r) != 0 ||
	    ttl_arg_int(vm, c, &v) != 0 || ttl_arg_int(vm, c, &n) != 0 ||
	    ttl_arg_end(vm, c) != 0)
		return (-1);
	if (n < 0) {
		left = !left;
		n = -(n % 32);
	}
	k = (u_int)n % 32;
	u = (uint32_t)v;
	if (k != 0)
		u = left ? (u << k) | (u >> (32 - k)) : (u >> k) | (u << (32 - k));
	return (ttl_ref_set_int(vm, &r, (int32_t)u));
}

TTL_CMD(rotateleft)
{
	return (ttl_rotate(vm, c, 1));
}

TTL_CMD(rotateright)
{
	return (ttl_rotate(vm, c, 0));
}

/* uptime var: milliseconds since the system started (wraps as 32 bits,
 * as Windows' tick count). */
TTL_CMD(uptime)
{
	struct ttl_ref	 r;
	struct timespec	 ts;
	uint64_t	 ms;

	if (ttl_arg_ref(vm, c, TV_INT, &r) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (clock_gettime(CLOCK_BOOTTIME, &ts) != 0)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	return (ttl_ref_set_int(vm, &r, (int32_t)(uint32_t)ms));
}

/*
 * getipv4addr array count, getipv6addr: the addresses of the interfaces
 * that are up (not loopback; IPv6 written whole, eight groups); result 1
 * if all fit, 0 if the array is too small, -1 if they cannot be read.
 */
static int
ttl_ipaddrs(struct ttl *vm, struct ttl_cursor *c, int family)
{
	const struct ttl_token	*t = c->i < c->l->ntok ? &c->l->tok[c->i] : NULL;
	struct ttl_var		*a;
	struct ttl_ref		 n;
	struct ifaddrs		*ifs, *i;
	char			 text[64];
	const u_char		*b;
	int32_t			 count = 0;
	int			 k;

	a = t != NULL && t->type == TK_ID ? ttl_var_find(vm, t->s) : NULL;
	if (a == NULL || a->type != TV_STRARR)
		return (ttl_error(vm, _("a string array (strdim) is needed")));
	c->i++;
	if (ttl_arg_ref(vm, c, TV_INT, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (getifaddrs(&ifs) != 0) {
		ttl_set_int(vm, "result", -1);
		return (0);
	}
	for (i = ifs; i != NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != family ||
		    !(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK))
			continue;
		if (family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)
			    (void *)i->ifa_addr)->sin_addr, text, sizeof text);
		else {
			b = ((struct sockaddr_in6 *)(void *)
			    i->ifa_addr)->sin6_addr.s6_addr;
			for (k = 0; k < 8; k++)
				snprintf(text + k * 5, sizeof text - k * 5,
				    "%s%02x%02x", k == 0 ? "" : ":", b[2 * k],
				    b[2 * k + 1]);
		}
		if ((u_int)count < a->size) {
			free(a->sa[count]);
			a->sa[count] = xstrdup(text);
		}
		count++;
	}
	freeifaddrs(ifs);
	ttl_set_int(vm, "result", (u_int)count <= a->size);
	return (ttl_ref_set_int(vm, &n, count));
}

TTL_CMD(getipv4addr)
{
	return (ttl_ipaddrs(vm, c, AF_INET));
}

TTL_CMD(getipv6addr)
{
	return (ttl_ipaddrs(vm, c, AF_INET6));
}

/* getspecialfolder var name: Windows' folders as the home's (XDG's). */
TTL_CMD(getspecialfolder)
{
	static const struct {
		const char	*name;
		const char	*xdg;		/* XDG_*_DIR, or NULL */
		const char	*dir;		/* under the home folder */
	} folders[] = {
		{ "Desktop", "XDG_DESKTOP_DIR", "Desktop" },
		{ "AllUsersDesktop", "XDG_DESKTOP_DIR", "Desktop" },
		{ "MyDocuments", "XDG_DOCUMENTS_DIR", "Documents" },
		{ "Templates", "XDG_TEMPLATES_DIR", "Templates" },
		{ "Fonts", NULL, ".local/share/fonts" },
		{ "Favorites", NULL, "" }, { "NetHood", NULL, "" },
		{ "PrintHood", NULL, "" }, { "Programs", NULL, "" },
		{ "AllUsersPrograms", NULL, "" }, { "Recent", NULL, "" },
		{ "SendTo", NULL, "" }, { "StartMenu", NULL, "" },
		{ "AllUsersStartMenu", NULL, "" }, { "Startup", NULL, "" },
		{ "AllUsersStartup", NULL, "" },
	};
	struct ttl_ref	 r;
	const char	*home = getenv("HOME"), *v;
	char		*name, *out;
	size_t		 i;
	int		 rc;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_str(vm, c, &name))
		return (-1);
	for (i = 0; i < sizeof folders / sizeof folders[0]; i++) {
		if (strcasecmp(name, folders[i].name) == 0)
			break;
	}
	free(name);
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	if (i == sizeof folders / sizeof folders[0]) {
		ttl_set_int(vm, "result", 0);
		return (ttl_ref_set_str(vm, &r, "", 0));
	}
	if (folders[i].xdg != NULL && (v = getenv(folders[i].xdg)) != NULL)
		out = xstrdup(v);
	else
		xasprintf(&out, "%s%s%s", home != NULL ? home : "",
		    *folders[i].dir != '\0' ? "/" : "", folders[i].dir);
	ttl_set_int(vm, "result", 1);
	rc = ttl_ref_set_str(vm, &r, out, strlen(out));
	free(out);
	return (rc);
}

/* var2clipb text: the clipboard (result 1; 0 if there is none here). */
TTL_CMD(var2clipb)
{
	char	*s;
	int	 ok;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	ok = ttl_arg_end(vm, c) == 0 && vm->host->clipboard != NULL &&
	    vm->host->clipboard(vm->data, s, NULL) == 0;
	freezero_str(s);
	if (vm->error != NULL)
		return (-1);
	ttl_set_int(vm, "result", ok);
	return (0);
}

/*
 * clipb2var var [n]: the clipboard's text in pieces of 511 bytes, the
 * n-th (from 0); result 1 the last piece, 2 more to come, 0 none.
 */
TTL_CMD(clipb2var)
{
	struct ttl_ref	 r;
	char		*text = NULL;
	int32_t		 n = 0;
	size_t		 len, at;
	int		 rc;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 ||
	    (ttl_arg_more(c) && ttl_arg_int(vm, c, &n) != 0) ||
	    ttl_arg_end(vm, c) != 0)
		return (-1);
	if (vm->host->clipboard == NULL ||
	    vm->host->clipboard(vm->data, NULL, &text) != 0 || text == NULL ||
	    n < 0 || (at = (size_t)n * TTL_STR_MAX) >= (len = strlen(text))) {
		freezero_str(text);
		ttl_set_int(vm, "result", 0);
		return (ttl_ref_set_str(vm, &r, "", 0));
	}
	ttl_set_int(vm, "result", len - at > TTL_STR_MAX ? 2 : 1);
	rc = ttl_ref_set_str(vm, &r, text + at, len - at);
	freezero_str(text);
	return (rc);
}
