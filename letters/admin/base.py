"""What the archive's ModelAdmins share: their writes go through the services (saved, the data version raised, the
count tables kept current), never the admin's own ``obj.save()``."""

from letters.services.records import save_records, set_links


class WritesThroughServices:
    """Mixed in before ModelAdmin: saves and deletes of the record, its many-to-many links and its inline rows are
    made by ``services/records.py``. Admins with their own services (letters, findings) override these again."""

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user  # as SimpleHistoryAdmin.save_model does: the history names the curator
        save_records([obj])

    def delete_model(self, request, obj):
        save_records(deleted=[obj])

    def delete_queryset(self, request, queryset):
        save_records(deleted=list(queryset))

    def save_related(self, request, form, formsets, change):
        many = [field.name for field in form.instance._meta.many_to_many if field.name in form.cleaned_data]
        set_links(form.instance, {name: form.cleaned_data[name] for name in many})
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        saved = formset.save(commit=False)
        save_records(saved, formset.deleted_objects)
