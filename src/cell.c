/*
 * cell.c: what a cell holds beyond one code point: a base character with
 * combining marks, kept in its grid's table of combined characters. The
 * grid and the scrollback both read and write cells through these.
 */
#include "config.h"

#include <string.h>

#include "tterm.h"

/* Store a character with combining marks; return the value for cell.ch. */
uint32_t
cell_combo_add(struct grid *g, const uint32_t *chars)
{
	u_int	i, n;

	for (n = 0; n < COMBO_CHARS && chars[n] != 0; n++)
		;
	for (i = g->ncombo; i-- > 0;) {
		if (memcmp(g->combo[i], chars, n * sizeof *chars) == 0 &&
		    (n == COMBO_CHARS || g->combo[i][n] == 0))
			return (COMBO_BASE + i);
	}
	if (g->ncombo == COMBO_MAX)
		return (chars[0]);	/* table full: keep the base only */
	if (g->ncombo % 64 == 0) {
		g->combo = xreallocarray(g->combo, g->ncombo + 64,
		    sizeof *g->combo);
	}
	memset(g->combo[g->ncombo], 0, sizeof *g->combo);
	memcpy(g->combo[g->ncombo], chars, n * sizeof *chars);
	return (COMBO_BASE + g->ncombo++);
}

/* Return the code points of combined character ch. */
const uint32_t *
cell_combo_get(const struct grid *g, uint32_t ch)
{
	if (ch < COMBO_BASE || ch - COMBO_BASE >= g->ncombo)
		return (NULL);
	return (g->combo[ch - COMBO_BASE]);
}

/* Fill out with the code points of a cell (base first); return the count. */
size_t
cell_chars(const struct grid *g, const struct cell *c, uint32_t *out,
    size_t max)
{
	const uint32_t	*combo;
	uint32_t	 ch = CELL_CH(c);
	size_t		 n;

	if (max == 0)
		return (0);
	if ((combo = cell_combo_get(g, ch)) == NULL) {
		out[0] = ch;
		return (1);
	}
	for (n = 0; n < max && n < COMBO_CHARS && combo[n] != 0; n++)
		out[n] = combo[n];
	return (n);
}
