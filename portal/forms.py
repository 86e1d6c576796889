"""How the site renders its forms."""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    """Renders every form and field with the site's templates.

    ``{{ form }}`` shows an error summary linking to each refused field, then each field through
    ``forms/field.html``: label, hint and errors, whose ids match the ``aria-describedby`` Django
    puts on the widget.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
