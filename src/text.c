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
