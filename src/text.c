/*
 * text.c: making text from a peer safe to show. Banners, prompts and
 * titles come from servers and programs; control characters in them (C0,
 * DEL and C1, which UTF-8 spells 0xc2 0x80-0x9f) could move the cursor,
 * change titles or colours, so they are dropped.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tterm.h"

/* A copy of s without control characters (newlines kept if asked). */
char *
text_clean(const char *s, int newlines)
{
	const unsigned char	*q;
	char			*out, *p;

	if (s == NULL)
		return (xstrdup(""));
	out = p = xmalloc(strlen(s) + 1);
	for (q = (const unsigned char *)s; *q != '\0'; q++) {
		if (*q == '\n' && newlines) {
			*p++ = '\n';
			continue;
		}
		if (*q < 0x20 || *q == 0x7f)
			continue;
		/*
		 * A C1 control, also one that a dropped byte joined
		 * ("\xc2\x01\x85" would become "\xc2\x85").
		 */
		if (*q >= 0x80 && *q <= 0x9f && p > out && p[-1] == '\xc2') {
			p--;
			continue;
		}
		*p++ = *q;
	}
	*p = '\0';
	return (out);
}

/*
 * The next character of s (not empty): returns its bytes and sets its
 * columns (the locale's wcwidth); a byte that is no character is one
 * column, as it is drawn ('?').
 */
static size_t
text_char(const char *s, mbstate_t *ps, int *cw)
{
	wchar_t	wc;
	size_t	k;

	/* No further than one character can be: the text may be long. */
	k = mbrtowc(&wc, s, strnlen(s, MB_LEN_MAX), ps);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		memset(ps, 0, sizeof *ps);
		*cw = 1;
		return (1);
	}
	if ((*cw = wcwidth(wc)) < 0)
		*cw = 1;
	return (k);
}

/* The columns text takes on the screen. */
int
text_width(const char *s)
{
	mbstate_t	ps;
	int		used = 0, cw;

	memset(&ps, 0, sizeof ps);
	while (*s != '\0') {
		s += text_char(s, &ps, &cw);
		used += cw;
	}
	return (used);
}

/* The columns the first len bytes of s take. */
u_int
text_width_n(const char *s, size_t len)
{
	mbstate_t	ps;
	const char	*end = s + len;
	int		cw;
	u_int		used = 0;

	memset(&ps, 0, sizeof ps);
	while (s < end && *s != '\0') {
		s += text_char(s, &ps, &cw);
		used += cw;
	}
	return (used);
}

/*
 * The start of s that fits in cols columns, cut between characters, into
 * buf (len bytes, at least 1); returns the columns it takes.
 */
int
text_cut(const char *s, int cols, char *buf, size_t len)
{
	mbstate_t	ps;
	size_t		k, out = 0;
	int		used = 0, cw;

	memset(&ps, 0, sizeof ps);
	while (*s != '\0') {
		k = text_char(s, &ps, &cw);
		if (used + cw > cols || out + k >= len)
			break;
		memcpy(buf + out, s, k);
		out += k;
		used += cw;
		s += k;
	}
	buf[out] = '\0';
	return (used);
}

/*
 * s in cols columns (at least 5) into buf (len bytes), both ends kept and
 * the middle given up for ".." when it is wider: "ssh taro@g..com:10022".
 * Where two titles differ is often at their end (a port, a folder). ASCII
 * dots: an ellipsis is two columns on terminals set for East Asian
 * ambiguous widths. Returns the columns it takes. The tab bar cuts every
 * title on each pass, so only the ends are read: a title can be 4 KiB.
 */
int
text_cut_middle(const char *s, int cols, char *buf, size_t len)
{
	mbstate_t	 ps;
	const char	*tail, *end;
	size_t		 used, back;
	int		 head, room, width, cw;

	head = text_cut(s, cols, buf, len);
	used = strlen(buf);
	if (s[used] == '\0' || cols < 5)
		return (head);		/* it fits (or the buffer is full) */
	head = text_cut(s, (cols - 2) / 2, buf, len);
	used = strlen(buf);
	room = cols - 2 - head;
	if (used + 2 >= len)
		return (head);

	/* The last room characters at most: 4 bytes each, from a first. */
	end = s + used + strlen(s + used);
	back = (size_t)(end - (s + used));
	if (back > (size_t)room * 4)
		back = (size_t)room * 4;
	for (tail = end - back; tail > s + used &&
	    ((const u_char *)tail)[0] >= 0x80 && ((const u_char *)tail)[0] < 0xc0;
	    tail--)
		;
	width = text_width(tail);
	memset(&ps, 0, sizeof ps);
	while (*tail != '\0' && width > room) {
		tail += text_char(tail, &ps, &cw);
		width -= cw;
	}
	memcpy(buf + used, "..", 2);
	return (head + 2 + text_cut(tail, room, buf + used + 2,
	    len - used - 2));
}

/*
 * Where a line of len bytes at p breaks to fit in cols columns: after the
 * last space that fits, else between characters (Japanese has no spaces;
 * one character at least). *next is where the rest starts. NULL if the
 * line fits: it is read only as far as cols columns, never to its end.
 */
static const char *
text_break(const char *p, size_t len, u_int cols, const char **next)
{
	mbstate_t	 ps;
	const char	*q = p, *end = p + len, *space = NULL;
	size_t		 k;
	int		 cw;
	u_int		 used = 0;

	memset(&ps, 0, sizeof ps);
	for (;;) {
		if (q >= end || *q == '\0')
			return (NULL);
		k = text_char(q, &ps, &cw);
		if (*q == ' ' && q > p && q[-1] != ' ')
			space = q;	/* the first of a run: "word|  word" */
		if (used + (u_int)cw > cols)
			break;
		used += cw;
		q += k;
	}
	if (space == NULL) {
		if (q == p)
			q += k;
		*next = q;
		return (q);
	}
	for (*next = space; *next < end && **next == ' '; (*next)++)
		;
	return (space);
}

/*
 * s with each line wider than cols columns broken into lines that fit,
 * the rest of a line indented as its start ("    - item" goes on under
 * "item"). A new string.
 */
char *
text_wrap(const char *s, u_int cols)
{
	struct buf	 b = { 0 };
	const char	*p = s, *cut, *next;
	size_t		 len;
	u_int		 indent, avail;

	if (cols == 0)
		cols = 1;
	while (*p != '\0') {
		len = strcspn(p, "\n");
		for (indent = 0; indent < len && p[indent] == ' '; indent++)
			;
		if (indent + 2 <= len && p[indent] == '-' && p[indent + 1] == ' ')
			indent += 2;
		if (indent > cols / 2)
			indent = 0;
		for (avail = cols; (cut = text_break(p, len, avail, &next)) !=
		    NULL; avail = cols - indent) {
			buf_add(&b, p, cut - p);
			len -= next - p;
			p = next;
			if (len == 0)
				break;
			buf_printf(&b, "\n%*s", (int)indent, "");
		}
		buf_add(&b, p, len);
		p += len;
		if (*p == '\n') {
			buf_add(&b, "\n", 1);
			p++;
		}
	}
	return (buf_take(&b));
}

/* Whether the bytes are whole, valid UTF-8. */
int
text_utf8_valid(const char *buf, size_t len)
{
	const u_char	*s = (const u_char *)buf;
	size_t	i = 0, n, k;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			n = 1;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			n = 2;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			n = 3;
		else
			return (0);
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return (0);
		}
		i += n + 1;
	}
	return (1);
}
