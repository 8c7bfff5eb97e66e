/*
 * text.c: making text from a peer safe to show. Banners, prompts and
 * titles come from servers and programs; control characters in them (C0,
 * DEL and C1, which UTF-8 spells 0xc2 0x80-0x9f) could move the cursor,
 * change titles or colours, so they are dropped.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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
		if (q[0] == 0xc2 && q[1] >= 0x80 && q[1] <= 0x9f) {
			q++;
			continue;
		}
		*p++ = *q;
	}
	*p = '\0';
	return (out);
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
