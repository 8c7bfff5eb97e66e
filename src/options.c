/*
 * options.c: the program-wide options (the prefix key, the scrollback
 * size, TERM for children, ...), set once by main() from the command line
 * and read by every layer.
 */
#include "config.h"

#include "tterm.h"

struct options opts = {
	.prefix = 0x1d,		/* Ctrl+] */
	.scrollback = 10000,
	.term = "xterm-256color",
};
