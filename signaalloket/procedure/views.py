from django.http import HttpResponse


def effect_answer(request, pk):
    return HttpResponse("")
