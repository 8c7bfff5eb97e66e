/*
 * colour.c: map the inner terminal's colours (default, 16, 256, 24-bit) to
 * what the outer terminal offers: direct colour where terminfo says so, else
 * the nearest of 256, 16 or 8.
 */
#include "config.h"

#include <stdlib.h>

#include "tterm.h"

/* xterm's default palette for the first 16 colours. */
static const int colour_base16[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
	0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
	0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff
};
static const int colour_cube[6] = { 0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff };

/* The RGB value of a packed colour (default counts as black). */
int
colour_to_rgb(uint32_t c)
{
	u_int	i;

	if (COLOUR_TYPE(c) == COLOUR_RGB)
		return (c & 0xffffff);
	if (COLOUR_TYPE(c) != COLOUR_INDEXED)
		return (0);
	i = c & 0xff;
	if (i < 16)
		return (colour_base16[i]);
	if (i < 232) {
		i -= 16;
		return ((colour_cube[i / 36] << 16) |
		    (colour_cube[(i / 6) % 6] << 8) | colour_cube[i % 6]);
	}
	i = 8 + (i - 232) * 10;
	return ((i << 16) | (i << 8) | i);
}

static int
colour_dist(int a, int b)
{
	int	dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
	int	dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
	int	db = (a & 0xff) - (b & 0xff);

	return (dr * dr * 3 + dg * dg * 4 + db * db * 2);
}

/* Index of the cube level nearest to v. */
static int
colour_cube_level(int v)
{
	if (v < 48)
		return (0);
	if (v < 115)
		return (1);
	return ((v - 35) / 40);
}

/* The nearest colour in the 256-colour palette (cube or grey ramp). */
int
colour_nearest_256(int rgb)
{
	int	r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
	int	ri, gi, bi, cube, grey, avg, gi2, cube_rgb, grey_rgb;

	ri = colour_cube_level(r);
	gi = colour_cube_level(g);
	bi = colour_cube_level(b);
	cube = 16 + 36 * ri + 6 * gi + bi;
	cube_rgb = (colour_cube[ri] << 16) | (colour_cube[gi] << 8) |
	    colour_cube[bi];
	if (cube_rgb == rgb)
		return (cube);

	avg = (r + g + b) / 3;
	gi2 = avg > 238 ? 23 : (avg < 8 ? 0 : (avg - 3) / 10);
	grey = 232 + gi2;
	grey_rgb = colour_to_rgb(COLOUR_INDEXED | grey);
	if (colour_dist(grey_rgb, rgb) < colour_dist(cube_rgb, rgb))
		return (grey);
	return (cube);
}

/* The nearest of the first n (8 or 16) palette colours. */
static int
colour_nearest_n(int rgb, int n)
{
	int	i, best = 0, d, bestd = -1;

	for (i = 0; i < n; i++) {
		d = colour_dist(colour_base16[i], rgb);
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return (best);
}

int
colour_nearest_16(int rgb)
{
	return (colour_nearest_n(rgb, 16));
}

/*
 * The curses colour number for c on a terminal with ncolors colours, or -1
 * for the default. With direct colour (xterm-direct style terminfo),
 * numbers below 8 are the ANSI colours and the rest are 0xRRGGBB.
 */
int
colour_map(uint32_t c, int ncolors, int direct)
{
	int	idx, rgb;

	if (COLOUR_TYPE(c) == COLOUR_DEFAULT || ncolors < 8)
		return (-1);
	if (COLOUR_TYPE(c) == COLOUR_INDEXED) {
		idx = c & 0xff;
		if (direct) {
			if (idx < 8)
				return (idx);
			rgb = colour_to_rgb(c);
			return (rgb < 8 ? 8 : rgb);
		}
		if (idx < ncolors)
			return (idx);
		rgb = colour_to_rgb(c);
	} else
		rgb = c & 0xffffff;

	if (direct)
		return (rgb < 8 ? 8 : rgb);
	if (ncolors >= 256)
		return (colour_nearest_256(rgb));
	if (ncolors >= 16)
		return (colour_nearest_n(rgb, 16));
	return (colour_nearest_n(rgb, 8));
}

/*
 * A profile's colours as a palette; 0 if it sets none (the terminal's own
 * colours stay).
 */
int
palette_from_profile(const struct profile *p, struct palette *pal)
{
	int	i, any;

	pal->fg = p->vt_fg;
	pal->bg = p->vt_bg;
	pal->bold_fg = p->bold_colour == 1 ? p->bold_fg : -1;
	any = pal->fg >= 0 || pal->bg >= 0 || pal->bold_fg >= 0;
	for (i = 0; i < 16; i++) {
		pal->ansi[i] = p->ansi[i];
		any |= pal->ansi[i] >= 0;
	}
	return (any);
}

/*
 * A cell's colour through a palette: the default colours, the 16 ANSI
 * colours and bold text in the default colour become the palette's RGB.
 */
uint32_t
palette_apply(const struct palette *pal, uint32_t c, int bg, int bold)
{
	int	rgb = -1;

	if (COLOUR_TYPE(c) == COLOUR_DEFAULT) {
		if (bg)
			rgb = pal->bg;
		else
			rgb = bold && pal->bold_fg >= 0 ? pal->bold_fg : pal->fg;
	} else if (COLOUR_TYPE(c) == COLOUR_INDEXED && (c & 0xff) < 16)
		rgb = pal->ansi[c & 0xff];
	return (rgb >= 0 ? (uint32_t)(COLOUR_RGB | rgb) : c);
}
