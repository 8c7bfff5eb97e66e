/* workload.h: the benchmark's workloads (workload.c). */
#ifndef WORKLOAD_H
#define WORKLOAD_H

#include <stddef.h>

#define WORKLOAD_MAX	65536	/* bytes one call may write */

/* Writes the next line or screen of a workload to buf; its length. */
typedef size_t (*workload_fn)(char *);

workload_fn	workload_find(const char *);

#endif
