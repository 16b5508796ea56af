using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SecretBallotsAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "ParticipantId",
                table: "Votes",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "Ballot",
                table: "Votes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Municipality",
                table: "Votes",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PseudonymisedAt",
                table: "Dialogues",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RetentionMonths",
                table: "Dialogues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 12);

            migrationBuilder.AddColumn<string>(
                name: "Anonymity",
                table: "Contributions",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "Named");

            // The unique index on (RiskId, Ballot) comes with the ballots, in the migration after this one.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Ballot",
                table: "Votes");

            migrationBuilder.DropColumn(
                name: "Municipality",
                table: "Votes");

            migrationBuilder.DropColumn(
                name: "PseudonymisedAt",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "RetentionMonths",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "Anonymity",
                table: "Contributions");

            migrationBuilder.AlterColumn<int>(
                name: "ParticipantId",
                table: "Votes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
