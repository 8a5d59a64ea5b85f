from django import forms
from django.utils.translation import gettext_lazy as _

MAX_FILE_SIZE = 2 * 1024 * 1024  # an edition file with every section is well under 1 MB


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Edition file (JSON)"),
        help_text=_("Exported by “export_edition”, or prepared as in docs/import-format.md."),
    )
    allow_published_changes = forms.BooleanField(
        label=_("Allow changes to a published edition"),
        required=False,
        help_text=_("Needed when the file changes a published edition, its awards or quotes."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_FILE_SIZE // 2**20}
            )
        return upload.read()


class ConfirmForm(forms.Form):
    content = forms.CharField(widget=forms.HiddenInput, strip=False)
    allow_published_changes = forms.BooleanField(required=False, widget=forms.HiddenInput)
