/*
 * question.c: a question for the user, as data. A transport that needs an
 * answer (a password, a one-time code, an unknown host key) builds one
 * and hands it up; the user interface shows it as a form and calls its
 * answer function. Prompts only: the answers never pass through here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"

static struct question *
question_new(const char *title, const char *text, answer_cb cb, void *arg)
{
	struct question	*q = xcalloc(1, sizeof *q);

	q->title = xstrdup(title);
	q->text = xstrdup(text != NULL ? text : "");
	q->cb = cb;
	q->arg = arg;
	return (q);
}

/* n fields to fill in, each with its label and whether it echoes. */
struct question *
question_fields(const char *title, const char *text, u_int n,
    const char **labels, const int *echo, answer_cb cb, void *arg)
{
	struct question	*q = question_new(title, text, cb, arg);
	u_int		 i;

	q->n = n;
	q->labels = xcalloc(n + 1, sizeof *q->labels);
	q->echo = xcalloc(n + 1, sizeof *q->echo);
	for (i = 0; i < n; i++) {
		q->labels[i] = xstrdup(labels[i] != NULL ? labels[i] : "");
		q->echo[i] = echo[i];
	}
	return (q);
}

/* One key of keys to press. */
struct question *
question_choice(const char *title, const char *text, const char *keys,
    answer_cb cb, void *arg)
{
	struct question	*q = question_new(title, text, cb, arg);

	q->keys = xstrdup(keys);
	return (q);
}

/* What field i shows first (an inputbox's default). */
void
question_set_value(struct question *q, u_int i, const char *value)
{
	if (i >= q->n)
		return;
	if (q->values == NULL)
		q->values = xcalloc(q->n, sizeof *q->values);
	free(q->values[i]);
	q->values[i] = xstrdup(value);
}

void
question_free(struct question *q)
{
	u_int	i;

	if (q == NULL)
		return;
	for (i = 0; i < q->n; i++) {
		free(q->labels[i]);
		if (q->values != NULL)
			free(q->values[i]);
	}
	free(q->values);
	free(q->labels);
	free(q->echo);
	free(q->keys);
	free(q->title);
	free(q->text);
	free(q);
}
