/*
 * fuzz-telnet.c: a libFuzzer target for the telnet receive path
 * (telnet.c) under its two users: telnet and raw TCP tabs
 * (telnet-client.c) and RFC 2217 network serial ports (rfc2217.c). The
 * transport is made as the tab makes it and given a stream that swallows
 * what is written (/dev/null); what the server sends comes from the
 * input. The first byte chooses the kind and the options, then each step
 * is a chunk from the server or something the tab does (see fuzz_step).
 * What telnet queues in answer must be well-formed telnet.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "fuzz.h"

static int	fuzz_null = -1;

/* Every IAC in what is queued starts a whole command. */
static void
fuzz_check_out(const struct telnet *tn)
{
	const u_char	*p = (const u_char *)tn->out;
	size_t		 i = 0, n = tn->outlen;

	while (i < n) {
		if (p[i++] != TEL_IAC)
			continue;
		FUZZ_CHECK(i < n);
		switch (p[i++]) {
		case TEL_IAC:
		case TEL_NOP:
		case TEL_BRK:
			break;
		case TEL_WILL:
		case TEL_WONT:
		case TEL_DO:
		case TEL_DONT:
			FUZZ_CHECK(i < n);
			i++;
			break;
		case TEL_SB:
			for (;;) {
				FUZZ_CHECK(i + 1 < n);
				if (p[i] == TEL_IAC && p[i + 1] == TEL_SE)
					break;
				if (p[i] == TEL_IAC)
					FUZZ_CHECK(p[i + 1] == TEL_IAC);
				i += p[i] == TEL_IAC ? 2 : 1;
			}
			i += 2;
			break;
		default:
			FUZZ_CHECK(!"a command telnet.c never sends");
		}
	}
}

static void
fuzz_check(const struct telnet *tn)
{
	u_int	i;

	FUZZ_CHECK(tn->sblen <= sizeof tn->sb);
	for (i = 0; i < 256; i++) {
		FUZZ_CHECK(tn->him[i] <= 1 && tn->us[i] <= 1);
		FUZZ_CHECK(tn->sent_do[i] == 0 || tn->sent_do[i] == TEL_DO ||
		    tn->sent_do[i] == TEL_DONT);
		FUZZ_CHECK(tn->sent_will[i] == 0 ||
		    tn->sent_will[i] == TEL_WILL ||
		    tn->sent_will[i] == TEL_WONT);
	}
	fuzz_check_out(tn);
}

/* Bytes from the server, through the same spare-byte buffer as a read. */
static void
fuzz_receive(struct telnet *tn, const char *chunk, size_t len)
{
	char	buf[257];
	size_t	n;

	memcpy(buf + 1, chunk, len);
	n = telnet_input(tn, buf, len);
	FUZZ_CHECK(n <= len + 1);
	fuzz_check(tn);
	telnet_flush(tn);
	FUZZ_CHECK(tn->outlen == 0);
}

/*
 * One step: a byte below 0xf0 is followed by that many plus one bytes from
 * the server; 0xf0 and up is something the tab does: type the next byte's
 * count of bytes, resize, send a BREAK, toggle DTR or RTS, change the line
 * or show the status.
 */
static void
fuzz_step(struct transport *tr, struct telnet *tn, int rfc, struct fuzz_in *in)
{
	struct serial_opts	 o;
	const char		*chunk;
	char			 text[64], *cause = NULL;
	u_int			 b, rows, cols;
	size_t			 got;

	b = fuzz_byte(in);
	if (b < 0xf0) {
		chunk = fuzz_take(in, b + 1, &got);
		fuzz_receive(tn, chunk, got);
		return;
	}
	switch (b & 7) {
	case 0:
		chunk = fuzz_take(in, fuzz_byte(in), &got);
		tr->ops->write(tr, chunk, got);
		break;
	case 1:
		rows = fuzz_byte(in);
		cols = fuzz_byte(in);
		tr->ops->resize(tr, rows, cols);
		break;
	case 2:
		tr->ops->send_break(tr, text, sizeof text);
		break;
	case 3:
	case 4:
		if (rfc) {
			tr->ops->modem(tr, (b & 7) == 3 ? TIOCM_DTR :
			    TIOCM_RTS, text, sizeof text);
		}
		break;
	case 5:
		if (rfc) {
			memset(&o, 0, sizeof o);
			o.speed = fuzz_byte(in) * 1200;
			o.databits = 5 + fuzz_byte(in) % 4;
			o.parity = "NOEMS"[fuzz_byte(in) % 5];
			o.stopbits = 1 + fuzz_byte(in) % 2;
			o.flow = fuzz_byte(in) % 3;
			tr->ops->reconfigure(tr, &o, &cause);
			free(cause);
			cause = NULL;
		}
		break;
	default:
		FUZZ_CHECK(tr->ops->status(tr) != NULL);
		break;
	}
	FUZZ_CHECK(tn->outlen == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in		 in = { data, size };
	struct transport	 tr;
	struct telnet		*tn;
	struct telnet_opts	 to;
	struct serial_opts	 so;
	u_int			 mode;
	int			 rfc;

	if (fuzz_null == -1 && (fuzz_null = open("/dev/null", O_WRONLY)) == -1)
		abort();
	mode = fuzz_byte(&in);
	rfc = mode & 1;
	if (rfc) {
		memset(&so, 0, sizeof so);
		so.speed = 115200;
		so.databits = 8;
		so.parity = 'N';
		so.stopbits = 1;
		so.flow = (mode >> 1) % 3;
		tn = rfc2217_new(&tr, &so);
	} else {
		memset(&to, 0, sizeof to);
		to.telnet = (mode >> 1) & 1;
		to.autodetect = (mode >> 2) & 1;
		to.send_nl = (mode >> 3) % 3;
		to.local_echo = (mode >> 5) & 1;
		to.term = (mode >> 6) & 1 ? "vt100" : NULL;
		tn = telnet_client_new(&tr, &to, 24, 80);
	}
	telnet_wait(tn, &tr, "console", 7001, "fuzz");
	telnet_attach(tn, dup(fuzz_null));
	fuzz_check(tn);
	telnet_flush(tn);
	while (in.left > 0)
		fuzz_step(&tr, tn, rfc, &in);
	tr.ops->close(&tr);
	return (0);
}
