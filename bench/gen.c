/*
 * gen.c: deterministic benchmark workloads on stdout (workload.c).
 *
 *   gen ascii|wide|sgr|cjk|cursor SIZE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workload.h"

int
main(int argc, char **argv)
{
	static char	 buf[WORKLOAD_MAX];
	workload_fn	 fn;
	size_t		 size, done = 0, n;

	if (argc != 3) {
		fprintf(stderr, "usage: gen ascii|wide|sgr|cjk|cursor size\n");
		return (2);
	}
	if ((fn = workload_find(argv[1])) == NULL) {
		fprintf(stderr, "gen: unknown workload %s\n", argv[1]);
		return (2);
	}
	size = strtoul(argv[2], NULL, 10);
	while (done < size) {
		/* Whole lines or screens only: the size is a lower bound. */
		n = fn(buf);
		fwrite(buf, 1, n, stdout);
		done += n;
	}
	/* Leave the terminal in a plain state for the end marker. */
	fputs("\033[m\r\n", stdout);
	return (0);
}
