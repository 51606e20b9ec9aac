/* cmd_config.c - `sentrack config list|get|set|unset`: settings kept in the
 * database, so the nightly job and the SENCO see the same values. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static int print_item(const st_config_item *item, void *payload)
{
	(void)payload;
	printf("%-22s %-8s %s", item->key, item->value, item->is_default ? " " : "*");
	if (!item->is_default)
		printf(" (default %s)", item->default_value);
	printf("\n");
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 0, "");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if ((status = cli_open(cli)))
		return status;
	if (st_config_list(cli->db, print_item, NULL, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return EXIT_OK;
}

static int run_get(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 1, "KEY");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if ((status = cli_open(cli)))
		return status;
	char value[ST_CONFIG_VALUE_MAX];
	if (st_config_get(cli->db, argv[optind], value, sizeof value, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	printf("%s\n", value);
	return EXIT_OK;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 2, "KEY VALUE");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if ((status = cli_open(cli)))
		return status;
	if (st_config_set(cli->db, argv[optind], argv[optind + 1], &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("%s set", argv[optind]);
	return EXIT_OK;
}

static int run_unset(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 1, "KEY");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if ((status = cli_open(cli)))
		return status;
	if (st_config_unset(cli->db, argv[optind], &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("%s is back to its default", argv[optind]);
	return EXIT_OK;
}

static const struct cli_cmd config_cmds[] = {
	{"list", run_list, DB_READ, "", "every setting; * marks a value that differs from the default"},
	{"get", run_get, DB_READ, "KEY", "print one setting's value"},
	{"set", run_set, DB_WRITE, "KEY VALUE", "change a setting (checked by type and range)"},
	{"unset", run_unset, DB_WRITE, "KEY", "put a setting back to its default"},
	{0},
};
const struct cli_group group_config = {"config", "settings: windows, thresholds, term dates",
				       config_cmds};
