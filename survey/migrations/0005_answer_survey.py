import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_survey(apps, schema_editor):
    Answer = apps.get_model("survey", "Answer")
    Response = apps.get_model("survey", "Response")
    Answer.objects.filter(survey__isnull=True).update(
        survey_id=Subquery(Response.objects.filter(pk=OuterRef("response_id")).values("survey")[:1])
    )


class Migration(migrations.Migration):
    """Answers carry their survey (issue 16): a survey's results read one index range."""

    dependencies = [
        ("survey", "0004_ballot_box"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="survey",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="survey.survey",
                verbose_name="survey",
            ),
        ),
        migrations.RunPython(copy_survey, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="answer",
            name="survey",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="survey.survey",
                verbose_name="survey",
            ),
        ),
        migrations.AddIndex(
            model_name="answer",
            index=models.Index(
                fields=["survey", "topic", "rating"], name="answer_survey_topic_rating"
            ),
        ),
    ]
