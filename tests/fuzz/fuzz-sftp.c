/*
 * fuzz-sftp.c: a libFuzzer target for the SFTP replies tterm reads
 * (sftp-msg.c): the input is what a server sends, packets each with its
 * length first, read as sftpc.c reads them. Whatever a reply says, its
 * strings and data lie inside its packet and its names are whole.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

/* Whether [s, s + n) lies inside [p, p + len). */
static int
fuzz_inside(const void *s, size_t n, const u_char *p, size_t len)
{
	const u_char	*q = s;

	return (q >= p && n <= len && q - p <= (ptrdiff_t)(len - n));
}

static void
fuzz_reply(const u_char *p, size_t len)
{
	struct sftp_reply	r;
	uint32_t		id;
	u_int			i;

	if (sftpm_parse(p, len, &r, &id) != 0) {
		FUZZ_CHECK(r.names == NULL && r.nnames == 0);
		return;
	}
	FUZZ_CHECK(r.type == p[0]);
	if (r.data != NULL)
		FUZZ_CHECK(fuzz_inside(r.data, r.len, p, len));
	if (r.msg != NULL)
		FUZZ_CHECK(fuzz_inside(r.msg, r.msglen, p, len));
	FUZZ_CHECK(r.nnames <= len / 12);
	for (i = 0; i < r.nnames; i++)
		FUZZ_CHECK(strlen(r.names[i].name) < len);
	if (r.type == SSH_FXP_VERSION)
		sftpm_has_extension(&r, "posix-rename@openssh.com");
	sftpm_status_text(r.status);
	sftpm_clear(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	b;
	size_t		off = 0, at;
	uint32_t	len;

	while (size - off >= 4) {
		len = (uint32_t)data[off] << 24 | (uint32_t)data[off + 1] << 16 |
		    (uint32_t)data[off + 2] << 8 | data[off + 3];
		if (len > size - off - 4)
			break;
		fuzz_reply(data + off + 4, len);
		off += 4 + len;
	}
	/* A request made of the input's bytes has the length it says. */
	memset(&b, 0, sizeof b);
	at = sftpm_begin(&b, SSH_FXP_WRITE, 7);
	sftpm_putstr(&b, data, size > 256 ? 256 : size);
	sftpm_put64(&b, size);
	sftpm_putstr(&b, data, size);
	sftpm_end(&b, at);
	FUZZ_CHECK(b.len == 4 + 1 + 4 + 4 + (size > 256 ? 256 : size) + 8 +
	    4 + size);
	FUZZ_CHECK(((u_char)b.data[3] | (u_char)b.data[2] << 8) ==
	    ((b.len - 4) & 0xffff));
	buf_free(&b);
	return (0);
}
