/* test-colour.c: colour mapping to 8, 16, 256 and direct-colour terminals. */
#include "config.h"

#include "tterm.h"
#include "unit.h"

static void
test_defaults(void)
{
	CHECK(colour_map(COLOUR_DEFAULT, 256, 0) == -1);
	CHECK(colour_map(COLOUR_DEFAULT, 1 << 24, 1) == -1);
	CHECK(colour_map(COLOUR_INDEXED | 1, 0, 0) == -1);	/* no colour */
}

static void
test_indexed(void)
{
	int	i;

	CHECK(colour_map(COLOUR_INDEXED | 1, 8, 0) == 1);
	CHECK(colour_map(COLOUR_INDEXED | 208, 256, 0) == 208);
	/* Bright red on an 8-colour terminal is red. */
	CHECK(colour_map(COLOUR_INDEXED | 9, 8, 0) == 1);
	CHECK(colour_map(COLOUR_INDEXED | 9, 16, 0) == 9);
	/* 256-colour orange (208 = #ff8700) on 16 colours: a red or a
	 * yellow, never a blue or a grey. */
	i = colour_map(COLOUR_INDEXED | 208, 16, 0);
	CHECK(i == 1 || i == 3 || i == 9 || i == 11);
	/* Grey ramp. */
	CHECK(colour_to_rgb(COLOUR_INDEXED | 232) == 0x080808);
	CHECK(colour_to_rgb(COLOUR_INDEXED | 255) == 0xeeeeee);
	CHECK(colour_to_rgb(COLOUR_INDEXED | 16) == 0x000000);
	CHECK(colour_to_rgb(COLOUR_INDEXED | 231) == 0xffffff);
	CHECK(colour_to_rgb(COLOUR_INDEXED | 196) == 0xff0000);
}

static void
test_truecolour(void)
{
	int	i, rgb;

	/* Exact cube colours map to themselves. */
	for (i = 16; i < 256; i++) {
		rgb = colour_to_rgb(COLOUR_INDEXED | i);
		CHECK(colour_to_rgb(COLOUR_INDEXED |
		    colour_nearest_256(rgb)) == rgb);
	}
	CHECK(colour_map(COLOUR_RGB | 0xff0000, 256, 0) == 196);
	CHECK(colour_map(COLOUR_RGB | 0x808080, 256, 0) == 244);
	CHECK(colour_map(COLOUR_RGB | 0x0000ff, 16, 0) == 4);
	CHECK(colour_map(COLOUR_RGB | 0x6060ff, 16, 0) == 12);
	CHECK(colour_map(COLOUR_RGB | 0x00cd00, 8, 0) == 2);
	/* Direct colour: RGB passes through; ANSI 0-7 stay indexed. */
	CHECK(colour_map(COLOUR_RGB | 0x123456, 1 << 24, 1) == 0x123456);
	CHECK(colour_map(COLOUR_INDEXED | 3, 1 << 24, 1) == 3);
	CHECK(colour_map(COLOUR_INDEXED | 196, 1 << 24, 1) == 0xff0000);
	CHECK(colour_map(COLOUR_RGB | 0x000000, 1 << 24, 1) == 8);
}

int
main(void)
{
	RUN(test_defaults);
	RUN(test_indexed);
	RUN(test_truecolour);
	UNIT_EXIT();
}
