using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SegmentRuleFormat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The demo segments' rules in the segment builder's format (the first one was provisional).
            migrationBuilder.Sql("""UPDATE "Segments" SET "RuleDefinition" = '{"match":"and","rules":[{"field":"lifestyle","op":"in","values":["urban-professional"]},{"field":"interest","op":"hasTag","values":["technology"]}]}' WHERE "RuleDefinition" = '{"all":[{"field":"lifestyle","op":"equals","value":"urban-professional"},{"field":"interests","op":"containsTag","value":"technology"}]}';""");
            migrationBuilder.Sql("""UPDATE "Segments" SET "RuleDefinition" = '{"match":"and","rules":[{"field":"value","op":"hasTag","values":["sustainability"]}]}' WHERE "RuleDefinition" = '{"all":[{"field":"values","op":"containsTag","value":"sustainability"}]}';""");
            migrationBuilder.Sql("""UPDATE "Segments" SET "RuleDefinition" = '{"match":"and","rules":[{"field":"interest","op":"hasTag","values":["photography"]}]}' WHERE "RuleDefinition" = '{"all":[{"field":"interests","op":"containsTag","value":"photography"}]}';""");
            migrationBuilder.Sql("""UPDATE "Segments" SET "RuleDefinition" = '{"match":"and","rules":[{"field":"interest","op":"hasTag","values":["fitness"]}]}' WHERE "RuleDefinition" = '{"all":[{"field":"interests","op":"containsTag","value":"fitness"}]}';""");
            migrationBuilder.Sql("""UPDATE "Segments" SET "RuleDefinition" = '{"match":"and","rules":[{"field":"lifestyle","op":"in","values":["student"]}]}' WHERE "RuleDefinition" = '{"all":[{"field":"lifestyle","op":"equals","value":"student"}]}';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "Segments" SET "RuleDefinition" = '{"all":[{"field":"lifestyle","op":"equals","value":"urban-professional"},{"field":"interests","op":"containsTag","value":"technology"}]}' WHERE "RuleDefinition" = '{"match":"and","rules":[{"field":"lifestyle","op":"in","values":["urban-professional"]},{"field":"interest","op":"hasTag","values":["technology"]}]}';""");
            migrationBuilder.Sql("""UPDATE "Segments" SET "RuleDefinition" = '{"all":[{"field":"values","op":"containsTag","value":"sustainability"}]}' WHERE "RuleDefinition" = '{"match":"and","rules":[{"field":"value","op":"hasTag","values":["sustainability"]}]}';""");
            migrationBuilder.Sql("""UPDATE "Segments" SET "RuleDefinition" = '{"all":[{"field":"interests","op":"containsTag","value":"photography"}]}' WHERE "RuleDefinition" = '{"match":"and","rules":[{"field":"interest","op":"hasTag","values":["photography"]}]}';""");
            migrationBuilder.Sql("""UPDATE "Segments" SET "RuleDefinition" = '{"all":[{"field":"interests","op":"containsTag","value":"fitness"}]}' WHERE "RuleDefinition" = '{"match":"and","rules":[{"field":"interest","op":"hasTag","values":["fitness"]}]}';""");
            migrationBuilder.Sql("""UPDATE "Segments" SET "RuleDefinition" = '{"all":[{"field":"lifestyle","op":"equals","value":"student"}]}' WHERE "RuleDefinition" = '{"match":"and","rules":[{"field":"lifestyle","op":"in","values":["student"]}]}';""");
        }
    }
}
