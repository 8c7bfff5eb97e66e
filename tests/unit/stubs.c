/* stubs.c: what main.c provides to the modules, for the unit tests. */
#include "config.h"

#include "tterm.h"

struct options opts = {
	.prefix = 0x1d,
	.scrollback = 1000,
	.term = "xterm-256color",
};

volatile sig_atomic_t sig_winch, sig_chld, sig_term;
