from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import PriorityArea, Programme


@login_required
def programme_list(request):
    programmes = Programme.objects.prefetch_related("initiatives", "builds_on")
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": programmes, "priority_areas": PriorityArea.objects.all()},
    )


@login_required
def programme_detail(request, code):
    programme = get_object_or_404(
        Programme.objects.prefetch_related("objectives", "initiatives", "bodies", "builds_on"),
        code=code,
    )
    return render(request, "programmes/programme_detail.html", {"programme": programme})
